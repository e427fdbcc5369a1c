namespace Greylane.Core.Rollout;

/// <summary>The groups of phases every side agrees on (controller, admission, CLI): one home for each "which phases" rule.</summary>
public static class RolloutPhases
{
    extension(RolloutPhase phase)
    {
        /// <summary>Idle, Completed or RolledBack: no release is in progress and nothing is left to clean up.</summary>
        public bool IsAtRest => phase is RolloutPhase.Idle or RolloutPhase.Completed or RolloutPhase.RolledBack;

        /// <summary>Completed or RolledBack: a release ended (promoted or rolled back).</summary>
        public bool IsEnded => phase is RolloutPhase.Completed or RolloutPhase.RolledBack;

        /// <summary>StepScaling, StepRouting, StepAnalyzing or StepPaused: the release is at one of its steps.</summary>
        public bool IsStep => phase is RolloutPhase.StepScaling or RolloutPhase.StepRouting or RolloutPhase.StepAnalyzing or RolloutPhase.StepPaused;

        /// <summary>
        /// Promoting, Finalizing or Completed: every step passed and the controller unpaused the Deployment to let its
        /// own rolling update finish (admission must not pause it again).
        /// </summary>
        public bool IsPromoted => phase is RolloutPhase.Promoting or RolloutPhase.Finalizing or RolloutPhase.Completed;
    }
}
