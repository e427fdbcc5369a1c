using Greylane.Sandbox.Storage;
using Greylane.Sandbox.Support.Tests;
using Greylane.Testing.Processes;
using Greylane.Testing.Sandboxes;
using Xunit.Abstractions;

namespace Greylane.Sandbox.Helm.Tests;

/// <summary>The RBAC and PodDisruptionBudget objects an installation chart (Greylane's own) carries, through the real helm.</summary>
public sealed class InstallerObjectsTests(ITestOutputHelper output)
{
    private const string Templates = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: reader}
        rules:
          - apiGroups: ["apps"]
            resources: ["deployments"]
            verbs: {{ .Values.verbs | toJson }}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: reader}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader}
        subjects: [{kind: ServiceAccount, name: reader, namespace: default}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: leases}
        rules: [{apiGroups: ["coordination.k8s.io"], resources: ["leases"], verbs: ["get", "create", "update"]}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: leases}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: leases}
        subjects: [{kind: ServiceAccount, name: reader, namespace: default}]
        ---
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata: {name: reader}
        spec:
          minAvailable: {{ .Values.minAvailable }}
          selector: {matchLabels: {app: reader}}
        """;

    [Fact]
    public async Task Roles_bindings_and_a_disruption_budget_install_upgrade_and_uninstall()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var helm = sandbox.Helm;
        var chart = TestChart.Write(
            Path.Combine(sandbox.Directory, "installer"), "apiVersion: v2\nname: installer\nversion: 0.1.0", "verbs: [get, list, watch]\nminAvailable: 1",
            new Dictionary<string, string> { ["objects.yaml"] = Templates });

        await helm.OkAsync("install", "installer", chart, "--wait", "--timeout", "60s");
        await helm.OkAsync("upgrade", "installer", chart, "--set", "verbs={get}", "--set", "minAvailable=2", "--wait", "--timeout", "60s");

        var role = sandbox.Store.Get(BuiltInResources.ClusterRoles, null, "reader")!;
        var budget = sandbox.Store.Get(BuiltInResources.PodDisruptionBudgets, "default", "reader")!;
        Assert.Equal("""["get"]""", role["rules"]![0]!["verbs"]!.ToJsonString());
        Assert.Equal(2, budget["spec"]!["minAvailable"]!.GetValue<int>());
        Assert.NotNull(sandbox.Store.Get(BuiltInResources.ClusterRoleBindings, null, "reader"));
        Assert.NotNull(sandbox.Store.Get(BuiltInResources.Roles, "default", "leases"));
        Assert.NotNull(sandbox.Store.Get(BuiltInResources.RoleBindings, "default", "leases"));

        await helm.OkAsync("uninstall", "installer", "--wait", "--timeout", "60s");

        Assert.Empty(sandbox.Store.List(BuiltInResources.ClusterRoles, null));
        Assert.Empty(sandbox.Store.List(BuiltInResources.ClusterRoleBindings, null));
        Assert.Empty(sandbox.Store.List(BuiltInResources.Roles, null));
        Assert.Empty(sandbox.Store.List(BuiltInResources.RoleBindings, null));
        Assert.Empty(sandbox.Store.List(BuiltInResources.PodDisruptionBudgets, null));
    }

    [Fact]
    public async Task Kubectl_lists_the_rbac_and_policy_resources()
    {
        if (!KubectlCommand.IsInstalled)
        {
            output.WriteLine(KubectlCommand.NotInstalled);
            return;
        }

        await using var sandbox = await TestSandbox.StartAsync();
        var kubectl = sandbox.Kubectl;

        var resources = await kubectl.OkAsync("api-resources", "-o", "name");

        Assert.All(
            ["clusterroles.rbac.authorization.k8s.io", "clusterrolebindings.rbac.authorization.k8s.io", "roles.rbac.authorization.k8s.io",
             "rolebindings.rbac.authorization.k8s.io", "poddisruptionbudgets.policy"],
            name => Assert.Contains(name, resources.Split('\n')));
    }
}
