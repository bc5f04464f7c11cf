using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace GoEnvTools
{
    /// <summary>
    /// A Markdown report of a diagnosis, meant to be pasted into an issue: findings with evidence and fixes, and what was
    /// read. Values of secrets appear as &lt;redacted&gt; only (no hash: a public report must not help guess them), and no
    /// environment is copied in whole.
    /// </summary>
    public static class DiagnosisReport
    {
        public static string Format(IReadOnlyList<GoEnvFinding> findings, DiagnosisEvidence evidence, string moduleVersion, DateTime now)
        {
            var md = new StringBuilder();
            md.Append("# GoEnvTools diagnosis\n\n");
            md.Append("- Created: ").Append(now.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)).Append('\n');
            md.Append("- GoEnvTools: ").Append(moduleVersion).Append('\n');
            md.Append("- Platform: ").Append(evidence.Platform).Append(' ').Append(Cell(System.Runtime.InteropServices.RuntimeInformation.OSDescription)).Append('\n');
            int errors = Count(findings, Severity.Error), warnings = Count(findings, Severity.Warning), infos = Count(findings, Severity.Info);
            md.Append("- Findings: ").Append(errors).Append(" error(s), ").Append(warnings).Append(" warning(s), ").Append(infos).Append(" info\n\n");

            md.Append("## Findings\n\n");
            if (findings.Count == 0)
            {
                md.Append("None: gopls's environment agrees with the login shell's on every variable checked.\n\n");
            }
            else
            {
                md.Append("| Id | Severity | Title |\n|---|---|---|\n");
                foreach (GoEnvFinding finding in findings)
                {
                    md.Append("| ").Append(finding.Id).Append(" | ").Append(finding.Severity).Append(" | ").Append(Cell(finding.Title)).Append(" |\n");
                }

                md.Append('\n');
                foreach (GoEnvFinding finding in findings)
                {
                    AppendFinding(md, finding);
                }
            }

            AppendRead(md, evidence);
            return md.ToString();
        }

        private static void AppendFinding(StringBuilder md, GoEnvFinding finding)
        {
            md.Append("### ").Append(finding.Id).Append(" (").Append(finding.Severity).Append("): ").Append(Line(finding.Title)).Append("\n\n");
            md.Append(Line(finding.Detail)).Append("\n\n");
            if (finding.Evidence.Length > 0)
            {
                md.Append("| Subject | gopls | login shell | terminal | value | file |\n|---|---|---|---|---|---|\n");
                foreach (FindingEvidence e in finding.Evidence)
                {
                    string file = e.File is null ? string.Empty : e.File + (e.Line is int line ? ":" + line.ToString(CultureInfo.InvariantCulture) : string.Empty);
                    md.Append("| ").Append(Cell(e.Subject)).Append(" | ").Append(Code(e.GoplsValue)).Append(" | ").Append(Code(e.ShellValue))
                      .Append(" | ").Append(Code(e.TerminalValue)).Append(" | ").Append(Code(e.Value)).Append(" | ").Append(Cell(file)).Append(" |\n");
                }

                md.Append('\n');
            }

            if (finding.Fix is string fix)
            {
                md.Append("Fix:\n\n```powershell\n").Append(fix).Append("\n```\n\n");
            }

            md.Append("See `Get-Help ").Append(finding.HelpTopic).Append("` (").Append(finding.Id).Append(").\n\n");
        }

        private static void AppendRead(StringBuilder md, DiagnosisEvidence evidence)
        {
            md.Append("## What was read\n\n");
            if (evidence.Gopls.Count == 0)
            {
                md.Append("- gopls: none running").Append(evidence.ProcessTableError is null ? string.Empty : " (" + Cell(evidence.ProcessTableError) + ")").Append('\n');
            }

            foreach (GoplsEvidence gopls in evidence.Gopls)
            {
                GoplsEnvironment p = gopls.Process;
                md.Append("- gopls ").Append(p.ProcessId).Append(": ")
                  .Append(p.Editor == Editor.None ? "no editor" : EditorProducts.DisplayName(p.Editor)).Append(p.IsRemote ? " (remote)" : string.Empty)
                  .Append(", environment ").Append(p.EnvironmentStatus)
                  .Append(", go ").Append(Code(p.GoBinary ?? "(none on its PATH)"))
                  .Append(gopls.GoEnv?.GoVersion is string v ? " " + v : string.Empty).Append('\n');
            }

            if (evidence.LoginShell is ShellEvidence shell)
            {
                md.Append("- login shell: ").Append(Code(shell.Snapshot?.Source ?? shell.Shell)).Append(", ")
                  .Append(shell.Snapshot is null ? (shell.TimedOut ? "timed out" : "failed") : "ok")
                  .Append(shell.ElapsedMilliseconds is long ms ? ", " + ms.ToString(CultureInfo.InvariantCulture) + " ms" : string.Empty)
                  .Append(", go ").Append(Code(evidence.ShellGoBinary ?? "(none on its PATH)"))
                  .Append(evidence.ShellGoEnv?.GoVersion is string sv ? " " + sv : string.Empty).Append('\n');
            }
            else
            {
                md.Append("- login shell: not resolved on this OS (VS Code resolves none on Windows)\n");
            }

            string guiRead = !evidence.Gui.Available ? "not read" : evidence.Gui.Complete ? "read" : "read in part (only the names its store sets or was asked about)";
            md.Append("- GUI environment: ").Append(guiRead).Append(" (").Append(Cell(evidence.Gui.Description)).Append(")\n");
            md.Append("- settings files:").Append(evidence.Settings.Count == 0 ? " none found\n" : "\n");
            foreach (VsCodeGoSettings settings in evidence.Settings)
            {
                md.Append("  - ").Append(settings.SettingsFile.Editor).Append(' ').Append(settings.SettingsFile.Scope).Append(": ").Append(Code(settings.SettingsFile.Path)).Append('\n');
            }

            md.Append("- time per phase: ");
            var parts = new List<string>();
            foreach (PhaseTiming timing in evidence.Timings)
            {
                parts.Add(timing.Name + " " + timing.Milliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms");
            }

            md.Append(string.Join(", ", parts)).Append('\n');
        }

        private static int Count(IReadOnlyList<GoEnvFinding> findings, Severity severity)
        {
            int n = 0;
            foreach (GoEnvFinding finding in findings)
            {
                n += finding.Severity == severity ? 1 : 0;
            }

            return n;
        }

        private static string Line(string text) => text.Replace("\r", string.Empty).Replace("\n", " ");

        private static string Cell(string? text) => text is null ? string.Empty : Line(text).Replace("|", "\\|");

        private static string Code(string? text)
        {
            if (text is null)
            {
                return string.Empty;
            }

            string value = Line(text).Replace("|", "\\|");
            return value.IndexOf('`') >= 0 ? "`` " + value + " ``" : "`" + value + "`";
        }
    }
}
