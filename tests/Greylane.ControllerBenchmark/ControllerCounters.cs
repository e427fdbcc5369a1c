using System.Globalization;

namespace Greylane.ControllerBenchmark;

/// <summary>
/// The controller's own counters from its <c>/metrics</c>, and how big that page is (it grows with every Deployment).
/// <see cref="AdmissionReviews"/> counts the reviews the webhook answered, of every operation and decision.
/// </summary>
internal sealed record ControllerCounters(bool Leading, double Reconciles, double Errors, double QueueDepth, double Promoted, int PageBytes, double AdmissionReviews)
{
    public static async Task<ControllerCounters> ScrapeAsync(HttpClient client, Uri baseAddress, CancellationToken cancellationToken)
    {
        var page = await client.GetStringAsync(new Uri(baseAddress, "/metrics"), cancellationToken);
        double leading = 0, reconciles = 0, errors = 0, depth = 0, promoted = 0, reviews = 0;
        foreach (var line in page.AsSpan().EnumerateLines())
        {
            if (line.IsEmpty || line[0] == '#')
            {
                continue;
            }

            var space = line.LastIndexOf(' ');
            var name = line[..space];
            var value = double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture);
            if (name.StartsWith("greylane_admission_decisions_total{", StringComparison.Ordinal))
            {
                reviews += value;
            }

            switch (name)
            {
                case "greylane_controller_leader":
                    leading = value;
                    break;
                case "greylane_reconcile_duration_seconds_count":
                    reconciles = value;
                    break;
                case "greylane_reconcile_errors_total":
                    errors = value;
                    break;
                case "greylane_queue_depth":
                    depth = value;
                    break;
                case "greylane_rollouts_total{outcome=\"promoted\"}":
                    promoted = value;
                    break;
            }
        }

        return new ControllerCounters(leading > 0, reconciles, errors, depth, promoted, page.Length, reviews);
    }
}
