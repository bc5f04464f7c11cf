using System;

namespace GoEnvTools
{
    /// <summary>Name rules shared by the stores.</summary>
    public static class GuiEnvironmentNames
    {
        /// <summary>Letters, digits and '_', not starting with a digit: what systemd and POSIX shells accept.</summary>
        public static bool IsPortableName(string name)
        {
            if (string.IsNullOrEmpty(name) || char.IsDigit(name[0]))
            {
                return false;
            }

            foreach (char c in name)
            {
                if (!(c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>No NUL anywhere: no OS can hold one in an environment value.</summary>
        public static void RefuseNul(string name, string value)
        {
            if (value.IndexOf('\0') >= 0)
            {
                throw new GuiEnvironmentValueException($"The value of {name} holds a NUL character, which no environment can hold. Remove it.");
            }
        }
    }
}
