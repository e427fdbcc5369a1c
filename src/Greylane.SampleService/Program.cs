using Greylane.SampleService;

await SampleApp.Build(args).RunAsync();
