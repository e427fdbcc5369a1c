// Filled in by the webhook benchmark (issue 2): `make bench` runs this program.
Console.WriteLine("benchmarks: not yet");
