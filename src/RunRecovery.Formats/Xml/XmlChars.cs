using System.Text;
using System.Xml;

namespace RunRecovery.Formats.Xml;

/// <summary>Text our XML writers put into a document, made safe to carry.</summary>
public static class XmlChars
{
    /// <summary>
    /// The text without the characters XML 1.0 cannot carry at all (control characters other than tab, line feed and
    /// carriage return; lone surrogates). Escaping &lt; and &amp; is the writer's job; these cannot be escaped.
    /// </summary>
    public static string Keep(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var kept = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                kept.Append(c).Append(text[++i]);
            }
            else if (XmlConvert.IsXmlChar(c))
            {
                kept.Append(c);
            }
        }

        return kept.ToString();
    }
}
