using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Greylane.Cli.Dashboard.Tests;

/// <summary>
/// Debian's chromium, headless, driven through its own chromedriver. Both paths are given, so Selenium Manager never
/// runs and nothing is downloaded; a missing browser fails the tests with the command that installs it.
/// </summary>
internal static class HeadlessChromium
{
    public const string Browser = "/usr/bin/chromium";
    public const string Driver = "/usr/bin/chromedriver";

    public static ChromeDriver Start(string profileDirectory)
    {
        if (!File.Exists(Browser) || !File.Exists(Driver))
        {
            throw new InvalidOperationException(
                $"the dashboard's browser tests need {Browser} and {Driver}: run `bash .ci/install-deps` (as root: apt-get install chromium chromium-driver)");
        }

        // Belt and braces: should Selenium ever consult its manager, it must not go online.
        Environment.SetEnvironmentVariable("SE_OFFLINE", "true");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Driver)!, Path.GetFileName(Driver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = Browser };
        options.AddArguments(
            "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1500",
            "--no-first-run", "--disable-extensions", "--disable-background-networking", "--disable-sync", $"--user-data-dir={profileDirectory}");
        var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(30);
        return driver;
    }

    /// <summary>The screenshot of the page as it is now, under <c>TestResults/dashboard/</c> of the repository.</summary>
    public static string Screenshot(IWebDriver driver, string name)
    {
        var path = Greylane.Testing.Repository.RepositoryRoot.Combine("TestResults", "dashboard", name + ".png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        ((ITakesScreenshot)driver).GetScreenshot().SaveAsFile(path);
        return path;
    }
}
