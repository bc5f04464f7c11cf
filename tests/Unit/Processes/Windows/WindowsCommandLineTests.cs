using GoEnvTools.Windows;
using Xunit;

namespace GoEnvTools.Tests.Processes.Windows
{
    /// <summary>The examples of Microsoft's documentation of CommandLineToArgvW and of argument parsing, after a program name.</summary>
    public sealed class WindowsCommandLineTests
    {
        [Theory]
        [InlineData("prog \"abc\" d e", new[] { "prog", "abc", "d", "e" })]
        [InlineData(@"prog a\\b d""e f""g h", new[] { "prog", @"a\\b", "de fg", "h" })]
        [InlineData(@"prog a\\\""b c d", new[] { "prog", @"a\""b", "c", "d" })]
        [InlineData(@"prog a\\\\""b c"" d e", new[] { "prog", @"a\\b c", "d", "e" })]
        // Inside quotes, "" gives one quote and ends the quoted part (CommandLineToArgvW; the 2008 C runtime differs).
        [InlineData("prog a\"b\"\" c d", new[] { "prog", "ab\"", "c", "d" })]
        [InlineData("prog \"a \"\"b\"\" c\"", new[] { "prog", "a \"b", "c" })]
        [InlineData("prog\targ1\t \"\"", new[] { "prog", "arg1", "" })]
        [InlineData(@"prog C:\dir\ tail\", new[] { "prog", @"C:\dir\", @"tail\" })]
        public void Arguments_FollowTheDocumentedRules(string commandLine, string[] expected)
        {
            Assert.Equal(expected, WindowsCommandLine.Split(commandLine));
        }

        [Theory]
        [InlineData("\"C:\\Program Files\\Go\\bin\\gopls.exe\" -mode=stdio", new[] { @"C:\Program Files\Go\bin\gopls.exe", "-mode=stdio" })]
        // The program name takes no backslash escapes: the quote after the backslash ends it.
        [InlineData("\"C:\\dir\\\"x y", new[] { @"C:\dir\", "x", "y" })]
        [InlineData(@"C:\Go\bin\gopls.exe", new[] { @"C:\Go\bin\gopls.exe" })]
        // A command line that begins with a blank has an empty program name.
        [InlineData(" a b", new[] { "", "a", "b" })]
        public void ProgramName_EndsAtItsQuoteOrFirstBlank(string commandLine, string[] expected)
        {
            Assert.Equal(expected, WindowsCommandLine.Split(commandLine));
        }

        [Fact]
        public void VsCodeLanguageServer_CommandLine()
        {
            string line = "\"C:\\Users\\gopher\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe\" --ms-enable-electron-run-as-node " +
                "\"c:\\Users\\gopher\\AppData\\Local\\Programs\\Microsoft VS Code\\resources\\app\\extensions\\json-language-features\\server\\dist\\node\\jsonServerMain\" --node-ipc --clientProcessId=12308";

            Assert.Equal(new[]
            {
                @"C:\Users\gopher\AppData\Local\Programs\Microsoft VS Code\Code.exe",
                "--ms-enable-electron-run-as-node",
                @"c:\Users\gopher\AppData\Local\Programs\Microsoft VS Code\resources\app\extensions\json-language-features\server\dist\node\jsonServerMain",
                "--node-ipc",
                "--clientProcessId=12308",
            }, WindowsCommandLine.Split(line));
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        public void Empty_HasNoArguments(string? commandLine)
        {
            Assert.Empty(WindowsCommandLine.Split(commandLine));
        }
    }
}
