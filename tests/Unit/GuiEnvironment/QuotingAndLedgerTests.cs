using System.Linq;
using Xunit;

namespace GoEnvTools.Tests.GuiEnvironment
{
    public sealed class QuotingAndLedgerTests
    {
        [Theory]
        [InlineData("plain", "\"plain\"")]
        [InlineData("a $B", "\"a $$B\"")]
        [InlineData("q\"b\\s", "\"q\\\"b\\\\s\"")]
        public void QuoteForEnvironmentD_EscapesBackslashQuoteAndDollar(string value, string expected) =>
            Assert.Equal(expected, SystemdQuoting.QuoteForEnvironmentD(value));

        [Theory]
        [InlineData("plain", "plain")]
        [InlineData("\"a \\$HOME \\\"q\\\" \\\\ \\`x\\`\"", "a $HOME \"q\" \\ `x`")]
        [InlineData("\"line1\\nline2\\ttab\\001\"", "line1\nline2\ttab\u0001")]
        [InlineData("$'it\\'s\\n'", "it's\n")]
        [InlineData("\"\\303\\274\"", "ü")]
        public void Unquote_ReadsWhatSystemdPrints(string printed, string expected) =>
            Assert.Equal(expected, SystemdQuoting.Unquote(printed));

        [Fact]
        public void Ledger_RoundTrips_EveryCharacter_AndTheUnsetState()
        {
            var ledger = new GuiEnvironmentLedger(false);
            ledger.Add(new GuiEnvironmentEntry("A", "tab\tnew\nline\r\\back\u0001\u2028", "old\tvalue", false));
            ledger.Add(new GuiEnvironmentEntry("B", string.Empty, null, false));
            ledger.Add(new GuiEnvironmentEntry("C", "x", "%P%", true));

            string[] lines = LedgerText.Format(ledger).ToArray();
            GuiEnvironmentLedger back = LedgerText.Parse(lines, string.Empty, false, "test");

            Assert.All(lines, l => Assert.DoesNotContain('\n', l));
            Assert.Equal(3, back.Entries.Count);
            Assert.Equal(ledger.Entries[0].Value, back.Entries[0].Value);
            Assert.Equal("old\tvalue", back.Entries[0].Previous);
            Assert.Null(back.Entries[1].Previous);
            Assert.True(back.Entries[2].PreviousExpand);
        }

        [Fact]
        public void ADamagedLedgerLine_IsAnErrorNamingTheLine()
        {
            var ex = Assert.Throws<GuiEnvironmentFileException>(() =>
                LedgerText.Parse(new[] { "# header", LedgerText.Keyword + "\tA\tx\tmaybe\t" }, string.Empty, false, "/p/state"));

            Assert.Contains("line 2", ex.Message, System.StringComparison.Ordinal);
        }
    }
}
