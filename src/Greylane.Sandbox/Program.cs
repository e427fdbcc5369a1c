// SKELETON: issue 3 (sandbox API helper) builds the real executable.
Console.WriteLine("sandbox: not yet");
