using System.Text.Json.Nodes;
using Greylane.Manifests.Rendering.Tests;

namespace Greylane.Manifests.Safety.Tests;

/// <summary>Checks every Role, ClusterRole and binding of a rendered stream against <see cref="RbacAllowList"/>.</summary>
internal static class RbacCheck
{
    public static IEnumerable<string> Problems(RenderedManifests manifests, string ownNamespace)
    {
        foreach (var role in manifests.OfKind("ClusterRole"))
        {
            foreach (var problem in RoleProblems(role, RbacAllowList.ClusterWide, "cluster-wide (ClusterRole)"))
            {
                yield return problem;
            }
        }

        foreach (var role in manifests.OfKind("Role"))
        {
            if (RenderedManifests.Namespace(role) != ownNamespace)
            {
                yield return $"{RenderedManifests.Describe(role)}: Greylane holds Roles only in its own namespace {ownNamespace}";
            }

            foreach (var problem in RoleProblems(role, RbacAllowList.OwnNamespace, $"in a Role in {ownNamespace}"))
            {
                yield return problem;
            }
        }

        foreach (var problem in BindingProblems(manifests, ownNamespace))
        {
            yield return problem;
        }
    }

    private static IEnumerable<string> RoleProblems(JsonObject role, IReadOnlyDictionary<(string, string), string[]> allowed, string scope)
    {
        var who = RenderedManifests.Describe(role);
        if (role["aggregationRule"] is not null)
        {
            yield return $"{who}: aggregationRule pulls in rules from other roles; list Greylane's rules explicitly";
        }

        var rules = role["rules"]?.AsArray() ?? [];
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i]!;
            var where = $"{who} rules[{i}]";
            if (rule["nonResourceURLs"] is JsonArray { Count: > 0 })
            {
                yield return $"{where}: nonResourceURLs are not needed by Greylane";
            }

            var groups = Strings(rule["apiGroups"]);
            var resources = Strings(rule["resources"]);
            var verbs = Strings(rule["verbs"]);
            foreach (var (field, values) in new[] { ("apiGroups", groups), ("resources", resources), ("verbs", verbs) })
            {
                if (values.Any(v => v.Contains('*', StringComparison.Ordinal)))
                {
                    yield return $"{where}: wildcard in {field}; name each one Greylane needs";
                }
            }

            foreach (var group in groups.Where(g => g != "*"))
            {
                foreach (var resource in resources.Where(r => r != "*"))
                {
                    if (resource == "secrets")
                    {
                        yield return $"{where}: grants secrets; Greylane never reads or writes Secrets";
                    }
                    else if (!allowed.TryGetValue((group, resource), out var permitted))
                    {
                        yield return $"{where}: {Qualified(group, resource)} is not allowed {scope}";
                    }
                    else if (verbs.Where(v => v != "*").Except(permitted, StringComparer.Ordinal).ToList() is { Count: > 0 } extra)
                    {
                        yield return $"{where}: verbs {string.Join(", ", extra)} on {Qualified(group, resource)} go beyond the allow-list ({string.Join(", ", permitted)})";
                    }
                }
            }
        }
    }

    private static IEnumerable<string> BindingProblems(RenderedManifests manifests, string ownNamespace)
    {
        foreach (var binding in manifests.OfKind("ClusterRoleBinding").Concat(manifests.OfKind("RoleBinding")))
        {
            var who = RenderedManifests.Describe(binding);
            var isCluster = ManifestJson.Text(binding["kind"]) == "ClusterRoleBinding";
            var refKind = ManifestJson.Text(binding["roleRef"]?["kind"]) ?? "";
            var refName = ManifestJson.Text(binding["roleRef"]?["name"]) ?? "";
            var expectedKind = isCluster ? "ClusterRole" : "Role";
            if (refKind != expectedKind || manifests.Find(refKind, refName) is null)
            {
                yield return $"{who}: binds {refKind} {refName}, which is not a {expectedKind} of this stream; bind only Greylane's own roles";
            }

            foreach (var subject in binding["subjects"]?.AsArray() ?? [])
            {
                if (ManifestJson.Text(subject?["kind"]) != "ServiceAccount" || ManifestJson.Text(subject?["namespace"]) != ownNamespace)
                {
                    yield return $"{who}: subject {subject?["kind"]} {subject?["namespace"]}/{subject?["name"]} is not a ServiceAccount in {ownNamespace}";
                }
            }
        }
    }

    private static string Qualified(string group, string resource) => group.Length == 0 ? resource : $"{resource}.{group}";

    private static List<string> Strings(JsonNode? node) =>
        node is JsonArray array ? [.. array.Select(v => ManifestJson.Text(v) ?? "")] : [];
}
