using Greylane.Sandbox.Admission;
using Greylane.Sandbox.Storage;
using Microsoft.Extensions.Logging;

namespace Greylane.Sandbox.Server;

/// <summary>Builds the admission chain the API server calls before persisting a write: the stored MutatingWebhookConfigurations.</summary>
internal static class SandboxAdmission
{
    public static IAdmissionChain Create(IObjectStore store, ILoggerFactory logs) =>
        new WebhookAdmissionChain(
            () => store.List(BuiltInResources.MutatingWebhookConfigurations, null),
            ns => store.Get(BuiltInResources.Namespaces, null, ns),
            logs.CreateLogger<WebhookAdmissionChain>());
}
