namespace Greylane.Sandbox.Controllers.Common;

/// <summary>What a queued reconcile is about.</summary>
internal enum WorkKind
{
    Deployment,
    ReplicaSet,
    Pod,
    Collect,
}

/// <summary>One unit of queued work: a kind of reconcile and the object it is for.</summary>
internal readonly record struct WorkKey(WorkKind Kind, ObjectRef Ref);
