namespace Greylane.Core.Admission;

/// <summary>The operation of an admission request (AdmissionReview <c>request.operation</c>).</summary>
public enum AdmissionOperation
{
    /// <summary>The object is being created.</summary>
    Create,

    /// <summary>The object is being replaced or patched.</summary>
    Update,

    /// <summary>The object is being deleted.</summary>
    Delete,

    /// <summary>A connect subresource call (exec, proxy).</summary>
    Connect,
}
