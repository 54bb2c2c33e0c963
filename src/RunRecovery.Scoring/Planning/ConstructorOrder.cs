using System.Reflection;
using System.Text.Json.Serialization.Metadata;

namespace RunRecovery.Scoring.Planning;

/// <summary>
/// The one serialization rule of the recommendation documents (docs/decisions/boundary-mirrors.md, "3: a fifth look"),
/// a <see cref="JsonTypeInfo"/> modifier used by both JSON surfaces (<see cref="PlanJson.Options"/> for
/// <c>runrecovery plan --json</c>, Application's <c>ApiJsonConventions</c> for HTTP and the OpenAPI document): a record
/// marked <see cref="WrittenInConstructorOrderAttribute"/> is written in the order of its primary constructor's
/// parameters, and a parameter whose type is one of the record's base records stands for that base's properties, in
/// the order the base declares them, each required as that parameter is. Properties no parameter names follow, in the
/// order they had. Other types are left as they are. Without it, System.Text.Json writes a derived record's own
/// properties first and its base's after them.
/// </summary>
public static class ConstructorOrder
{
    public static void Modifier(JsonTypeInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (info.Kind != JsonTypeInfoKind.Object
            || !info.Type.IsDefined(typeof(WrittenInConstructorOrderAttribute), inherit: true)
            || info.ConstructorAttributeProvider is not ConstructorInfo constructor)
        {
            return;
        }

        var ordered = new List<JsonPropertyInfo>(info.Properties.Count);
        foreach (ParameterInfo parameter in constructor.GetParameters())
        {
            if (parameter.ParameterType == info.Type || !parameter.ParameterType.IsAssignableFrom(info.Type))
            {
                ordered.AddRange(info.Properties.Where(p => p.AssociatedParameter?.Position == parameter.Position));
                continue;
            }

            foreach (JsonPropertyInfo property in info.Properties.Where(p => Member(p)?.DeclaringType == parameter.ParameterType).OrderBy(p => Member(p)!.MetadataToken))
            {
                // Always written, as a parameter's own property is: the JSON schema (OpenAPI) lists it as required.
                property.IsRequired |= !parameter.HasDefaultValue;
                ordered.Add(property);
            }
        }

        JsonPropertyInfo[] all = [.. ordered, .. info.Properties.Except(ordered)];
        info.Properties.Clear();
        foreach (JsonPropertyInfo property in all)
        {
            info.Properties.Add(property);
        }
    }

    private static MemberInfo? Member(JsonPropertyInfo property) => property.AttributeProvider as MemberInfo;
}
