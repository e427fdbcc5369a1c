using System.Text;
using System.Text.Json.Nodes;
using Greylane.Sandbox.Patching;

namespace Greylane.Sandbox.Admission;

/// <summary>
/// The slice of CEL that Greylane's webhook <c>matchConditions</c> use: <c>has(x.y)</c>, <c>'k' in x.y</c>,
/// <c>x.y['k'] == 'v'</c>, <c>!=</c>, <c>!</c>, <c>&amp;&amp;</c>, <c>||</c>, parentheses, string/bool/int/null literals,
/// over the variables <c>object</c>, <c>oldObject</c> and <c>request</c>. Anything else throws <see cref="NotSupportedException"/>
/// at compile time; evaluation errors (a missing key, a non-boolean) throw <see cref="InvalidOperationException"/>.
/// </summary>
internal sealed class CelSubset
{
    private static readonly HashSet<string> Variables = ["object", "oldObject", "request"];
    private readonly List<string> _tokens;
    private int _position;

    private CelSubset(string text) => _tokens = Tokenize(text);

    public static Func<IReadOnlyDictionary<string, JsonNode?>, bool> Compile(string expression)
    {
        var parser = new CelSubset(expression);
        var root = parser.Or();
        if (parser._position != parser._tokens.Count)
            throw new NotSupportedException($"unexpected '{parser._tokens[parser._position]}'");
        return scope => AsBool(root(scope));
    }

    private Func<IReadOnlyDictionary<string, JsonNode?>, JsonNode?> Or()
    {
        var left = And();
        while (Accept("||"))
        {
            var (l, r) = (left, And());
            left = scope => Logical(l, r, scope, shortCircuit: true);
        }

        return left;
    }

    private Func<IReadOnlyDictionary<string, JsonNode?>, JsonNode?> And()
    {
        var left = Unary();
        while (Accept("&&"))
        {
            var (l, r) = (left, Unary());
            left = scope => Logical(l, r, scope, shortCircuit: false);
        }

        return left;
    }

    private Func<IReadOnlyDictionary<string, JsonNode?>, JsonNode?> Unary()
    {
        if (!Accept("!"))
            return Comparison();
        var operand = Unary();
        return scope => JsonValue.Create(!AsBool(operand(scope)));
    }

    private Func<IReadOnlyDictionary<string, JsonNode?>, JsonNode?> Comparison()
    {
        var left = Primary();
        if (Accept("=="))
        {
            var right = Primary();
            return scope => JsonValue.Create(JsonEquality.Equal(left(scope), right(scope)));
        }

        if (Accept("!="))
        {
            var right = Primary();
            return scope => JsonValue.Create(!JsonEquality.Equal(left(scope), right(scope)));
        }

        if (!Accept("in"))
            return left;
        var container = Primary();
        return scope => JsonValue.Create(In(left(scope), container(scope)));
    }

    private Func<IReadOnlyDictionary<string, JsonNode?>, JsonNode?> Primary()
    {
        var token = Next();
        if (token == "(")
        {
            var inner = Or();
            Expect(")");
            return inner;
        }

        if (token == "has" && Accept("("))
        {
            var (parent, member) = Path(Next(), requireSelect: true);
            Expect(")");
            return scope => JsonValue.Create(parent(scope) is JsonObject o ? o[member!] is not null : throw new InvalidOperationException($"no such key: {member}"));
        }

        if (token[0] is '\'' or '"')
        {
            var literal = token[1..];
            return _ => JsonValue.Create(literal);
        }

        if (token is "true" or "false")
            return _ => JsonValue.Create(token == "true");
        if (token == "null")
            return _ => null;
        if (char.IsAsciiDigit(token[0]) && long.TryParse(token, System.Globalization.CultureInfo.InvariantCulture, out var number))
            return _ => JsonValue.Create(number);
        var (container, last) = Path(token, requireSelect: false);
        return last is null ? container : scope => Select(container(scope), last);
    }

    // Returns the evaluator of everything but the last step, and the last member name (null when there is none).
    private (Func<IReadOnlyDictionary<string, JsonNode?>, JsonNode?> Parent, string? Member) Path(string root, bool requireSelect)
    {
        if (!Variables.Contains(root))
            throw new NotSupportedException($"unsupported identifier '{root}'");
        Func<IReadOnlyDictionary<string, JsonNode?>, JsonNode?> current = scope => scope.TryGetValue(root, out var v) ? v : null;
        string? member = null;
        while (_position < _tokens.Count && _tokens[_position] is "." or "[")
        {
            if (member is not null)
            {
                var (parent, name) = (current, member);
                current = scope => Select(parent(scope), name);
            }

            member = Accept(".") ? Identifier() : Index();
        }

        if (requireSelect && member is null)
            throw new NotSupportedException("has() needs a field selection");
        return (current, member);
    }

    private string Identifier()
    {
        var name = Next();
        return char.IsAsciiLetter(name[0]) || name[0] == '_' ? name : throw new NotSupportedException($"expected a field name, got '{name}'");
    }

    private string Index()
    {
        Expect("[");
        var key = Next();
        Expect("]");
        return key[0] is '\'' or '"' ? key[1..] : throw new NotSupportedException("only string keys are supported in []");
    }

    private static JsonNode? Select(JsonNode? node, string member) =>
        node is JsonObject obj && obj.TryGetPropertyValue(member, out var value) ? value : throw new InvalidOperationException($"no such key: {member}");

    private static bool In(JsonNode? element, JsonNode? container) => container switch
    {
        JsonObject map => element is JsonValue v && v.TryGetValue<string>(out var key) ? map.ContainsKey(key) : throw new InvalidOperationException("map keys are strings"),
        JsonArray list => list.Any(item => JsonEquality.Equal(item, element)),
        _ => throw new InvalidOperationException("no such overload: 'in' needs a map or a list"),
    };

    // CEL's commutative && and ||: a decisive operand wins even if the other one errs.
    private static JsonNode Logical(
        Func<IReadOnlyDictionary<string, JsonNode?>, JsonNode?> left, Func<IReadOnlyDictionary<string, JsonNode?>, JsonNode?> right,
        IReadOnlyDictionary<string, JsonNode?> scope, bool shortCircuit)
    {
        Exception? error = null;
        foreach (var operand in new[] { left, right })
        {
            try
            {
                if (AsBool(operand(scope)) == shortCircuit)
                    return JsonValue.Create(shortCircuit);
            }
            catch (InvalidOperationException e)
            {
                error ??= e;
            }
        }

        return error is null ? JsonValue.Create(!shortCircuit) : throw error;
    }

    private static bool AsBool(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<bool>(out var b) ? b : throw new InvalidOperationException("no matching overload: expected a bool");

    private bool Accept(string token)
    {
        if (_position >= _tokens.Count || _tokens[_position] != token)
            return false;
        _position++;
        return true;
    }

    private void Expect(string token)
    {
        if (!Accept(token))
            throw new NotSupportedException($"expected '{token}'");
    }

    private string Next() => _position < _tokens.Count ? _tokens[_position++] : throw new NotSupportedException("unexpected end of expression");

    // String tokens keep their opening quote (and lose the closing one) so they cannot be mistaken for identifiers.
    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '\'' or '"')
            {
                var value = new StringBuilder().Append(c);
                for (i++; i < text.Length && text[i] != c; i++)
                    value.Append(text[i] == '\\' && i + 1 < text.Length ? text[++i] : text[i]);
                if (i++ >= text.Length)
                    throw new NotSupportedException("unterminated string");
                tokens.Add(value.ToString());
            }
            else if (char.IsAsciiLetterOrDigit(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                    i++;
                tokens.Add(text[start..i]);
            }
            else
            {
                var two = i + 1 < text.Length ? text.Substring(i, 2) : "";
                var op = two is "||" or "&&" or "==" or "!=" ? two : c is '!' or '(' or ')' or '[' or ']' or '.' ? c.ToString() : null;
                tokens.Add(op ?? throw new NotSupportedException($"unsupported operator '{c}'"));
                i += op.Length;
            }
        }

        return tokens;
    }
}
