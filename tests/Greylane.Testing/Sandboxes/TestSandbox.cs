using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Greylane.Sandbox;
using Greylane.Sandbox.Admission;
using Greylane.Sandbox.Storage;
using Greylane.Testing.Processes;
using Greylane.Testing.Waiting;
using k8s;

namespace Greylane.Testing.Sandboxes;

/// <summary>
/// An in-process sandbox API server on a free loopback port with a scratch directory, a kubeconfig, a KubernetesClient,
/// a raw HTTP client, and the real helm and kubectl pointed at it. Everything is removed on dispose.
/// </summary>
public sealed class TestSandbox : IAsyncDisposable
{
    private readonly KubernetesClientConfiguration _config;
    private readonly List<Kubernetes> _clients = [];

    private TestSandbox(SandboxServer server, string directory)
    {
        Server = server;
        Directory = directory;
        KubeconfigPath = server.WriteKubeconfig(Path.Combine(directory, "kubeconfig"));
        _config = KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath);
        Client = NewClient();
        Http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Helm = new HelmCommand(directory, KubeconfigPath);
        Kubectl = new KubectlCommand(KubeconfigPath, Path.Combine(directory, "kube-cache"));
    }

    public SandboxServer Server { get; }

    public IObjectStore Store => Server.Store;

    public string KubeconfigPath { get; }

    /// <summary>A scratch directory removed with the sandbox (helm's and kubectl's caches live here).</summary>
    public string Directory { get; }

    /// <summary>A plain client: what a person or a GitOps tool uses.</summary>
    public Kubernetes Client { get; }

    public HttpClient Http { get; }

    /// <summary>The real helm with this sandbox's kubeconfig.</summary>
    public HelmCommand Helm { get; }

    /// <summary>The real kubectl with this sandbox's kubeconfig.</summary>
    public KubectlCommand Kubectl { get; }

    /// <summary>Starts a sandbox; <paramref name="admission"/> replaces its webhook admission chain.</summary>
    public static async Task<TestSandbox> StartAsync(SandboxOptions? options = null, Func<IObjectStore, IAdmissionChain>? admission = null)
    {
        var server = await SandboxServer.StartAsync(options ?? new SandboxOptions(), null, admission, CancellationToken.None);
        return new TestSandbox(server, System.IO.Directory.CreateTempSubdirectory("greylane-sandbox-").FullName);
    }

    /// <summary>A client whose requests pass through <paramref name="handlers"/> (fault injection, request logs); disposed with the sandbox.</summary>
    public Kubernetes NewClient(params DelegatingHandler[] handlers)
    {
        var client = new Kubernetes(_config, handlers);
        lock (_clients)
        {
            _clients.Add(client);
        }

        return client;
    }

    public Task<IReadOnlyList<JsonObject>> ApplyAsync(string yaml) => Server.ApplyManifestsAsync(yaml);

    /// <summary>The stored object, or an exception naming it.</summary>
    public JsonObject Stored(ResourceType type, string? ns, string name) =>
        Store.Get(type, ns, name) ?? throw new InvalidOperationException($"{type.Plural} {ns}/{name} is not stored in the sandbox");

    /// <summary>Polls the store until <paramref name="condition"/> holds (bounded: real controllers run in the background).</summary>
    public async Task<JsonObject> WaitForAsync(ResourceType type, string? ns, string name, Func<JsonObject, bool> condition, string what, int seconds = 30) =>
        (await Eventually.UntilAsync(
            () => Store.Get(type, ns, name),
            obj => obj is not null && condition(obj),
            $"{type.Plural} {ns}/{name}: {what}",
            TimeSpan.FromSeconds(seconds),
            obj => obj?.ToJsonString() ?? "absent"))!;

    /// <summary>Sends a raw request; the answer's status and JSON body (null when the body is not JSON).</summary>
    public async Task<(HttpStatusCode Code, JsonObject? Body, HttpResponseMessage Response)> SendAsync(
        HttpMethod method, string path, JsonNode? body = null, string contentType = "application/json", string? accept = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonObject? json = null;
        try
        {
            json = text.Length > 0 ? JsonNode.Parse(text) as JsonObject : null;
        }
        catch (System.Text.Json.JsonException)
        {
        }

        return (response.StatusCode, json, response);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        Http.Dispose();
        await Server.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
