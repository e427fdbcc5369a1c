namespace Greylane.Core.Analysis;

/// <summary>
/// Where each variable of a rendered template went, so that an offset in the rendered query (a parse error, a
/// selector) can be shown at its place in the template the user wrote.
/// </summary>
internal sealed class TemplateMap
{
    private readonly List<(int TemplateStart, int TemplateEnd, int RenderedStart, int RenderedEnd)> _edits = [];

    public void Add(int templateStart, int templateEnd, int renderedStart, int renderedEnd) =>
        _edits.Add((templateStart, templateEnd, renderedStart, renderedEnd));

    /// <summary>
    /// The template offset of rendered offset <paramref name="rendered"/>; inside a variable's value, the start of the
    /// <c>{{variable}}</c> (or its end, for the end of a span when <paramref name="isEnd"/>).
    /// </summary>
    public int ToTemplate(int rendered, bool isEnd = false)
    {
        var shift = 0;
        foreach (var edit in _edits)
        {
            if (rendered < edit.RenderedStart || (isEnd && rendered == edit.RenderedStart))
            {
                break;
            }

            if (rendered < edit.RenderedEnd || (!isEnd && rendered == edit.RenderedEnd && edit.RenderedStart == edit.RenderedEnd))
            {
                return isEnd ? edit.TemplateEnd : edit.TemplateStart;
            }

            shift = edit.TemplateEnd - edit.RenderedEnd;
        }

        return rendered + shift;
    }
}
