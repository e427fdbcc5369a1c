using Greylane.Sandbox.Storage;

namespace Greylane.Chaos.Harness.Tests;

/// <content>The mirror of the release kept from the store's changes, and the checks run on it.</content>
internal sealed partial class ReleaseObserver
{
    private void Apply(StoreEvent change, TimeSpan at)
    {
        var obj = change.Object;
        var name = obj["metadata"]?["name"]?.GetValue<string>() ?? "";
        var deleted = change.Type == "DELETED";
        switch (change.Resource.Plural)
        {
            case "deployments" when name == _names.Deployment:
                _deployment = deleted ? null : obj;
                var status = StatusWrite.Of(_deployment);
                if (status.Key != _status.Key)
                {
                    _timeline.Add("status", $"{_status} → {status}");
                    _statusSince = at;
                    _progressAt = at;
                }

                _status = status;
                break;
            case "virtualservices" when name == _names.VirtualService:
                _virtualService = deleted ? null : obj;
                break;
            case "destinationrules" when name == _names.DestinationRule:
                _destinationRule = deleted ? null : obj;
                break;
            case "replicasets":
                var alive = !deleted && obj["metadata"]?["deletionTimestamp"] is null;
                if (alive && _canaries.TryAdd(name, obj))
                {
                    _timeline.Add("canary", $"{name} created");
                }
                else if (!alive && _canaries.Remove(name))
                {
                    _timeline.Add("canary", $"{name} deleted");
                }

                break;
            case "leases" when name == _names.LeaseName:
                var holder = deleted ? null : obj["spec"]?["holderIdentity"]?.GetValue<string>();
                if (holder != _leaseHolder)
                {
                    _timeline.Add("lease", $"holder {_leaseHolder ?? "-"} → {holder ?? "-"}");
                    LeaseChanges.Add((at, holder ?? ""));
                    _leaseHolder = holder;

                    // A takeover starts the no-stall clock again: the successor had to wait for the lease.
                    _progressAt = at;
                }

                break;
        }

        var routing = RoutingView.Read(_virtualService, _destinationRule);
        if (routing != _routing)
        {
            _timeline.Add("routing", $"{_routing} → {routing}");
            _routing = routing;
        }
    }

    private void Check(TimeSpan now)
    {
        var storedFor = now - _statusSince;
        if (RoutingInvariant.Check(_plan, _status, storedFor, _routing) is { } broken)
        {
            // One report per distinct (status, routing): a state that persists is one finding, not one per tick.
            Report("routing does not match the status", $"{_status}|{_routing}", broken);
        }

        if (_canaries.Count > 1)
        {
            Report("more than one canary", string.Join(",", _canaries.Keys.Order()), $"{_canaries.Count} canary ReplicaSets alive: {string.Join(", ", _canaries.Keys)} under status {_status}");
        }
    }

    private void Report(string kind, string key, string text)
    {
        if (_reported.Add($"{kind}|{key}"))
        {
            _findings.Add(kind, text);
        }
    }
}
