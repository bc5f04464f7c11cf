using System;
using System.Collections.Generic;

namespace GoEnvTools.Tests.Support
{
    /// <summary>A runner that records each request and answers with what the test's function makes of it.</summary>
    internal sealed class FakeChildProcessRunner : IChildProcessRunner
    {
        private readonly Func<ChildProcessRequest, ChildProcessResult> _answer;

        public FakeChildProcessRunner(Func<ChildProcessRequest, ChildProcessResult> answer)
        {
            _answer = answer;
        }

        public List<ChildProcessRequest> Requests { get; } = new List<ChildProcessRequest>();

        public ChildProcessResult Run(ChildProcessRequest request)
        {
            Requests.Add(request);
            return _answer(request);
        }

        public static ChildProcessResult Exited(int exitCode, byte[] stdout, string stderr = "") =>
            new ChildProcessResult(4242, exitCode, null, false, stdout, System.Text.Encoding.UTF8.GetBytes(stderr), TimeSpan.FromMilliseconds(12));
    }
}
