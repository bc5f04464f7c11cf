namespace GoEnvTools
{
    /// <summary>
    /// Why a settings document was refused. The syntax reasons carry the names VS Code shows for a settings
    /// file with errors (the names of jsonc-parser's ParseErrorCode); the others say why an edit could not be made.
    /// </summary>
    public enum JsoncErrorCode
    {
        InvalidSymbol,
        InvalidNumberFormat,
        PropertyNameExpected,
        ValueExpected,
        ColonExpected,
        CommaExpected,
        CloseBraceExpected,
        CloseBracketExpected,
        EndOfFileExpected,
        InvalidCommentToken,
        UnexpectedEndOfComment,
        UnexpectedEndOfString,
        UnexpectedEndOfNumber,
        InvalidUnicode,
        InvalidEscapeCharacter,
        InvalidCharacter,

        /// <summary>Nested deeper than the parser follows (a guard against stack exhaustion, not a VS Code reason).</summary>
        NestingTooDeep,

        /// <summary>The bytes start with a UTF-16 or UTF-32 byte order mark, or hold the NUL bytes UTF-16 text has.</summary>
        NotUtf8,

        /// <summary>A byte sequence that is not valid UTF-8.</summary>
        InvalidUtf8,

        /// <summary>The document is an array or a plain value, not an object of settings.</summary>
        RootNotObject,

        /// <summary>A key on the edited path occurs more than once in its object (compared after unescaping).</summary>
        DuplicateKey,

        /// <summary>A value on the edited path is not of the type the edit needs (for example a string where an object is needed).</summary>
        WrongType,
    }
}
