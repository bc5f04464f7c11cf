using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace GoEnvTools.Yaml
{
    /// <summary>
    /// Sits between YamlDotNet's serializer and its YAML emitter and decides how each scalar is written, because
    /// the serializer's own choices are not exact for our strings: it leaves "yes", "on", "12:30" and "2001-12-14"
    /// plain (other readers take them as booleans, numbers and dates) and folds multi-line values in a style that
    /// loses "\r" and U+0085. Strings are plain when <see cref="PlainScalars.IsSafe"/> says so and double-quoted
    /// (every character escaped as needed) otherwise; null is the plain word null.
    /// </summary>
    internal sealed class ScalarStyleEmitter : IEmitter
    {
        private const string NullTag = "tag:yaml.org,2002:null";

        private readonly IEmitter _inner;

        public ScalarStyleEmitter(IEmitter inner)
        {
            _inner = inner;
        }

        public void Emit(ParsingEvent @event)
        {
            if (@event is Scalar scalar)
            {
                bool isNull = !scalar.Tag.IsEmpty && scalar.Tag.Value == NullTag;
                string value = isNull ? "null" : scalar.Value;
                ScalarStyle style = isNull || PlainScalars.IsSafe(value) ? ScalarStyle.Plain : ScalarStyle.DoubleQuoted;
                @event = new Scalar(AnchorName.Empty, TagName.Empty, value, style, isPlainImplicit: true, isQuotedImplicit: true, scalar.Start, scalar.End, scalar.IsKey);
            }

            _inner.Emit(@event);
        }
    }
}
