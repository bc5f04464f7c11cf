using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;

namespace GoEnvTools.WineHarness
{
    /// <summary>
    /// A hidden top-level window, as Explorer has, on a thread of its own: it records the text of every
    /// WM_SETTINGCHANGE it receives, so a test sees that the broadcast reached a window and what it said. A hung one
    /// never reads its messages until it is disposed, as a program stuck in a long call.
    /// </summary>
    internal sealed class SettingChangeListener : IDisposable
    {
        private const int WmDestroy = 0x0002;
        private const int WmClose = 0x0010;
        private const int WmSettingChange = 0x001A;
        private const int ErrorClassAlreadyExists = 1410;
        private const string ClassName = "GoEnvToolsSettingChangeListener";

        private static readonly WindowProcedure s_procedure = Procedure;
        private static SettingChangeListener? s_current;

        private readonly List<string?> _heard = new List<string?>();
        private readonly Thread _thread;
        private readonly ManualResetEventSlim _release = new ManualResetEventSlim();
        private readonly bool _hung;

        private SettingChangeListener(bool hung)
        {
            _hung = hung;
            _thread = new Thread(Pump) { IsBackground = true, Name = hung ? "hung listener" : "listener" };
        }

        public IntPtr Window { get; private set; }

        public string? Failure { get; private set; }

        public IReadOnlyList<string?> Heard
        {
            get
            {
                lock (_heard)
                {
                    return _heard.ToArray();
                }
            }
        }

        public static SettingChangeListener Start(bool hung = false)
        {
            var listener = new SettingChangeListener(hung);
            if (!hung)
            {
                s_current = listener;
            }

            using (var created = new ManualResetEventSlim())
            {
                listener._thread.Start(created);
                created.Wait();
            }

            return listener;
        }

        public void Dispose()
        {
            _release.Set();
            if (Window != IntPtr.Zero)
            {
                PostMessageW(Window, WmClose, UIntPtr.Zero, IntPtr.Zero);
                _thread.Join(TimeSpan.FromSeconds(5));
            }

            _release.Dispose();
        }

        private void Pump(object? created)
        {
            try
            {
                var windowClass = new WindowClass
                {
                    Size = Marshal.SizeOf<WindowClass>(),
                    Procedure = Marshal.GetFunctionPointerForDelegate(s_procedure),
                    Instance = GetModuleHandleW(null),
                    ClassName = ClassName,
                };
                if (RegisterClassExW(ref windowClass) == 0 && Marshal.GetLastWin32Error() != ErrorClassAlreadyExists)
                {
                    Failure = $"RegisterClassExW failed (error {Marshal.GetLastWin32Error()})";
                    return;
                }

                // Not a message-only window: those never receive broadcasts.
                Window = CreateWindowExW(0, ClassName, "GoEnvTools listener", 0, 0, 0, 0, 0, IntPtr.Zero, IntPtr.Zero, windowClass.Instance, IntPtr.Zero);
                if (Window == IntPtr.Zero)
                {
                    Failure = $"CreateWindowExW failed (error {Marshal.GetLastWin32Error()})";
                    return;
                }
            }
            finally
            {
                ((ManualResetEventSlim)created!).Set();
            }

            if (_hung)
            {
                _release.Wait();
            }

            while (GetMessageW(out Message message, IntPtr.Zero, 0, 0) > 0)
            {
                TranslateMessage(ref message);
                DispatchMessageW(ref message);
            }
        }

        private static IntPtr Procedure(IntPtr window, int message, UIntPtr wParam, IntPtr lParam)
        {
            if (message == WmSettingChange && s_current is SettingChangeListener listener)
            {
                lock (listener._heard)
                {
                    listener._heard.Add(lParam == IntPtr.Zero ? null : Marshal.PtrToStringUni(lParam));
                }

                return IntPtr.Zero;
            }

            if (message == WmDestroy)
            {
                PostQuitMessage(0);
                return IntPtr.Zero;
            }

            return DefWindowProcW(window, message, wParam, lParam);
        }

        private delegate IntPtr WindowProcedure(IntPtr window, int message, UIntPtr wParam, IntPtr lParam);

        [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
        private struct WindowClass
        {
            public int Size;
            public int Style;
            public IntPtr Procedure;
            public int ClassExtra;
            public int WindowExtra;
            public IntPtr Instance;
            public IntPtr Icon;
            public IntPtr Cursor;
            public IntPtr Background;
            public string? MenuName;
            public string ClassName;
            public IntPtr SmallIcon;
        }

        [StructLayout(LayoutKind.Sequential)]
        private struct Message
        {
            public IntPtr Window;
            public int Id;
            public UIntPtr WParam;
            public IntPtr LParam;
            public int Time;
            public int X;
            public int Y;
            public int Private;
        }

        [DllImport("user32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
        private static extern ushort RegisterClassExW(ref WindowClass windowClass);

        [DllImport("user32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
        private static extern IntPtr CreateWindowExW(int exStyle, string className, string title, int style, int x, int y, int width, int height, IntPtr parent, IntPtr menu, IntPtr instance, IntPtr parameter);

        [DllImport("user32.dll")]
        private static extern int GetMessageW(out Message message, IntPtr window, int first, int last);

        [DllImport("user32.dll")]
        private static extern bool TranslateMessage(ref Message message);

        [DllImport("user32.dll")]
        private static extern IntPtr DispatchMessageW(ref Message message);

        [DllImport("user32.dll")]
        private static extern IntPtr DefWindowProcW(IntPtr window, int message, UIntPtr wParam, IntPtr lParam);

        [DllImport("user32.dll")]
        private static extern bool PostMessageW(IntPtr window, int message, UIntPtr wParam, IntPtr lParam);

        [DllImport("user32.dll")]
        private static extern void PostQuitMessage(int exitCode);

        [DllImport("kernel32.dll", CharSet = CharSet.Unicode)]
        private static extern IntPtr GetModuleHandleW(string? name);
    }
}
