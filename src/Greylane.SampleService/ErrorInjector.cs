namespace Greylane.SampleService;

/// <summary>
/// Fails exactly the share <c>rate</c> of requests, spread evenly: request n fails when ⌊n·rate⌋ grows, so any 10
/// consecutive requests at 0.3 hold exactly 3 failures. Tests and demos get the rate they asked for, not noise.
/// </summary>
internal sealed class ErrorInjector(double rate)
{
    private long _requests;

    public bool NextFails()
    {
        var n = Interlocked.Increment(ref _requests);
        return Math.Floor(n * rate) > Math.Floor((n - 1) * rate);
    }
}
