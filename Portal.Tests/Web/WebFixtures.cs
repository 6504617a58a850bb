using Portal.Tests.Web;

// One portal server and one browser for the whole test assembly: a test class asks for either in its constructor.
// Both start lazily, on first use.
[assembly: AssemblyFixture(typeof(PortalFactory))]
[assembly: AssemblyFixture(typeof(BrowserFixture))]
