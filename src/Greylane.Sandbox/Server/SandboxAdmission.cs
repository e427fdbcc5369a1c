using Greylane.Sandbox.Admission;
using Greylane.Sandbox.Storage;
using Microsoft.Extensions.Logging;

namespace Greylane.Sandbox.Server;

/// <summary>Builds the admission chain the API server calls before persisting a write.</summary>
internal static class SandboxAdmission
{
    // UNFINISHED until sandbox-pure's WebhookAdmissionChain is merged: every write is admitted unchanged.
    public static IAdmissionChain Create(IObjectStore store, ILoggerFactory logs) => new AdmitAll();

    private sealed class AdmitAll : IAdmissionChain
    {
        public Task<AdmissionOutcome> AdmitAsync(AdmissionAttributes attributes, CancellationToken cancellationToken) =>
            Task.FromResult(new AdmissionOutcome(true, attributes.Object, []));
    }
}
