using Greylane.Testing.Processes;

namespace Greylane.Webhook.Traffic.Gateway.Tests;

/// <summary>A fact that is reported as skipped, with the reason, where /usr/bin/kubectl is not installed.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class KubectlFactAttribute : FactAttribute
{
    public KubectlFactAttribute()
    {
        if (!KubectlCommand.IsInstalled)
        {
            Skip = KubectlCommand.NotInstalled;
        }
    }
}
