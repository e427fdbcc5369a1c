using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Greylane.Sandbox.Admission;
using Greylane.Sandbox.Storage;
using k8s;

namespace Greylane.Sandbox.Tests.Support;

/// <summary>A sandbox on a free loopback port with a kubeconfig, a KubernetesClient and a raw HTTP client.</summary>
internal sealed class TestSandbox : IAsyncDisposable
{
    private readonly string _dir;

    private TestSandbox(SandboxServer server, string dir)
    {
        Server = server;
        _dir = dir;
        KubeconfigPath = server.WriteKubeconfig(Path.Combine(dir, "kubeconfig"));
        Client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath));
        Http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public SandboxServer Server { get; }

    public IObjectStore Store => Server.Store;

    public string KubeconfigPath { get; }

    /// <summary>A scratch directory removed with the sandbox (kubectl's cache lives here).</summary>
    public string Directory => _dir;

    public Kubernetes Client { get; }

    public HttpClient Http { get; }

    public static async Task<TestSandbox> StartAsync(SandboxOptions? options = null, Func<IObjectStore, IAdmissionChain>? admission = null)
    {
        var server = await SandboxServer.StartAsync(options ?? new SandboxOptions(), null, admission, CancellationToken.None);
        var dir = Path.Combine(Path.GetTempPath(), "greylane-sandbox-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(dir);
        return new TestSandbox(server, dir);
    }

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
        Client.Dispose();
        Http.Dispose();
        await Server.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
