using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace GoEnvTools.Tests.Commands
{
    /// <summary>
    /// A PowerShell host for hosted cmdlet tests: it keeps what the engine writes to the console (the lines -WhatIf
    /// prints) and answers -Confirm prompts through <see cref="Answer"/>, which runs while the cmdlet waits.
    /// </summary>
    internal sealed class RecordingHost : PSHost
    {
        private readonly RecordingUserInterface _ui;

        public RecordingHost()
        {
            _ui = new RecordingUserInterface(this);
        }

        /// <summary>Gives the index of the choice to make (0 is "Yes" in a -Confirm prompt); null refuses to prompt.</summary>
        public Func<string, int>? Answer { get; set; }

        /// <summary>Everything written to the console, in order.</summary>
        public StringBuilder Console { get; } = new StringBuilder();

        /// <summary>The captions of the prompts asked.</summary>
        public List<string> Prompts { get; } = new List<string>();

        public override string Name => "GoEnvTools.Tests";
        public override Version Version { get; } = new Version(1, 0);
        public override Guid InstanceId { get; } = Guid.NewGuid();
        public override PSHostUserInterface UI => _ui;
        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;

        public override void SetShouldExit(int exitCode)
        {
        }

        public override void EnterNestedPrompt() => throw new NotSupportedException();
        public override void ExitNestedPrompt() => throw new NotSupportedException();

        public override void NotifyBeginApplication()
        {
        }

        public override void NotifyEndApplication()
        {
        }

        private sealed class RecordingUserInterface : PSHostUserInterface
        {
            private readonly RecordingHost _host;

            public RecordingUserInterface(RecordingHost host)
            {
                _host = host;
            }

            public override PSHostRawUserInterface? RawUI => null;

            public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
            {
                _host.Prompts.Add(caption);
                if (_host.Answer is null)
                {
                    throw new NotSupportedException("This test answers no prompts.");
                }

                return _host.Answer(message);
            }

            public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
                throw new NotSupportedException("This test answers no prompts.");

            public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
                throw new NotSupportedException("This test gives no credentials.");

            public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
                throw new NotSupportedException("This test gives no credentials.");

            public override string ReadLine() => throw new NotSupportedException("This test types nothing.");

            public override SecureString ReadLineAsSecureString() => throw new NotSupportedException("This test types nothing.");

            public override void Write(string value) => _host.Console.Append(value);

            public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => _host.Console.Append(value);

            public override void WriteLine(string value) => _host.Console.Append(value).Append('\n');

            public override void WriteErrorLine(string value) => WriteLine(value);

            public override void WriteDebugLine(string message) => WriteLine("DEBUG: " + message);

            public override void WriteVerboseLine(string message) => WriteLine("VERBOSE: " + message);

            public override void WriteWarningLine(string message) => WriteLine("WARNING: " + message);

            public override void WriteProgress(long sourceId, ProgressRecord record)
            {
            }
        }
    }
}
