using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace RelTool.Core.Diff.Digest;

/// <summary>
/// Digests one type definition: its declaration (flags, base, interfaces, generic parameters,
/// layout, attributes), its fields in declaration order (order decides layout), its methods keyed
/// by name and parameters, properties, events and explicit overrides. Nested types are digested
/// on their own; the outer type only names them.
/// </summary>
internal sealed class TypeDigester(PEReader pe, MetadataReader reader, MetadataNames names)
{
    private readonly DigestWriter _type = new();
    private readonly DigestWriter _member = new();

    public ContentDigest Digest(TypeDefinitionHandle handle, string typeName, IDictionary<string, MethodDigest> methods)
    {
        var type = reader.GetTypeDefinition(handle);
        _type.Text(typeName);
        _type.Int((int)type.Attributes);
        _type.Text(names.Of(type.BaseType));
        foreach (var i in type.GetInterfaceImplementations())
        {
            var impl = reader.GetInterfaceImplementation(i);
            _type.Text(names.Of(impl.Interface));
            AttributeDigest.Write(_type, reader, names, impl.GetCustomAttributes());
        }
        WriteGenericParameters(_type, type.GetGenericParameters());
        var layout = type.GetLayout();
        _type.Int(layout.PackingSize);
        _type.Int(layout.Size);
        AttributeDigest.Write(_type, reader, names, type.GetCustomAttributes());
        WriteSecurity(_type, type.GetDeclarativeSecurityAttributes());
        foreach (var nested in type.GetNestedTypes()) _type.Text(reader.GetString(reader.GetTypeDefinition(nested).Name));

        foreach (var f in type.GetFields()) WriteField(_type, f);

        var ownMethods = new List<(string Key, MethodDigest Digest)>();
        foreach (var m in type.GetMethods()) ownMethods.Add((names.MethodKey(m), DigestMethod(m)));
        ownMethods.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        foreach (var (key, digest) in ownMethods)
        {
            methods[typeName + "::" + key] = digest;
            _type.Text(key);
            _type.Digest(digest.Signature);
            _type.Digest(digest.Body);
        }

        foreach (var p in type.GetProperties()) WriteProperty(_type, p);
        foreach (var e in type.GetEvents()) WriteEvent(_type, e);
        foreach (var mi in type.GetMethodImplementations())
        {
            var impl = reader.GetMethodImplementation(mi);
            _type.Text(names.Of(impl.MethodBody));
            _type.Text(names.Of(impl.MethodDeclaration));
        }
        return _type.Finish();
    }

    private MethodDigest DigestMethod(MethodDefinitionHandle handle)
    {
        var method = reader.GetMethodDefinition(handle);
        _member.Text(reader.GetString(method.Name));
        _member.Int((int)method.Attributes);
        _member.Int((int)method.ImplAttributes);
        _member.Text(names.Of(handle));
        WriteGenericParameters(_member, method.GetGenericParameters());
        foreach (var p in method.GetParameters())
        {
            var parameter = reader.GetParameter(p);
            _member.Int(parameter.SequenceNumber);
            _member.Text(reader.GetString(parameter.Name));
            _member.Int((int)parameter.Attributes);
            WriteConstant(_member, parameter.GetDefaultValue());
            WriteBlob(_member, parameter.GetMarshallingDescriptor());
            AttributeDigest.Write(_member, reader, names, parameter.GetCustomAttributes());
        }
        AttributeDigest.Write(_member, reader, names, method.GetCustomAttributes());
        WriteSecurity(_member, method.GetDeclarativeSecurityAttributes());
        var import = method.GetImport();
        if (!import.Module.IsNil)
        {
            _member.Text(names.Of(import.Module));
            _member.Text(reader.GetString(import.Name));
            _member.Int((int)import.Attributes);
        }
        var signature = _member.Finish();

        if (method.RelativeVirtualAddress != 0)
            MethodBodyDigest.Write(_member, pe, reader, names, method.RelativeVirtualAddress);
        return new MethodDigest(signature, _member.Finish());
    }

    private void WriteField(DigestWriter w, FieldDefinitionHandle handle)
    {
        var field = reader.GetFieldDefinition(handle);
        w.Text(reader.GetString(field.Name));
        w.Int((int)field.Attributes);
        w.Text(names.DecodeFieldSignature(field.Signature));
        w.Int(field.GetOffset());
        WriteConstant(w, field.GetDefaultValue());
        WriteBlob(w, field.GetMarshallingDescriptor());
        w.Bytes(FieldData.Read(pe, reader, field));
        AttributeDigest.Write(w, reader, names, field.GetCustomAttributes());
    }

    private void WriteProperty(DigestWriter w, PropertyDefinitionHandle handle)
    {
        var property = reader.GetPropertyDefinition(handle);
        w.Text(reader.GetString(property.Name));
        w.Int((int)property.Attributes);
        w.Text(MetadataNames.Format(property.DecodeSignature(names.Provider, null), "property"));
        var accessors = property.GetAccessors();
        w.Text(names.Of(accessors.Getter));
        w.Text(names.Of(accessors.Setter));
        foreach (var other in accessors.Others) w.Text(names.Of(other));
        WriteConstant(w, property.GetDefaultValue());
        AttributeDigest.Write(w, reader, names, property.GetCustomAttributes());
    }

    private void WriteEvent(DigestWriter w, EventDefinitionHandle handle)
    {
        var @event = reader.GetEventDefinition(handle);
        w.Text(reader.GetString(@event.Name));
        w.Int((int)@event.Attributes);
        w.Text(names.Of(@event.Type));
        var accessors = @event.GetAccessors();
        w.Text(names.Of(accessors.Adder));
        w.Text(names.Of(accessors.Remover));
        w.Text(names.Of(accessors.Raiser));
        foreach (var other in accessors.Others) w.Text(names.Of(other));
        AttributeDigest.Write(w, reader, names, @event.GetCustomAttributes());
    }

    private void WriteGenericParameters(DigestWriter w, GenericParameterHandleCollection parameters)
    {
        foreach (var g in parameters)
        {
            var parameter = reader.GetGenericParameter(g);
            w.Text(reader.GetString(parameter.Name));
            w.Int((int)parameter.Attributes);
            foreach (var c in parameter.GetConstraints())
            {
                var constraint = reader.GetGenericParameterConstraint(c);
                w.Text(names.Of(constraint.Type));
                AttributeDigest.Write(w, reader, names, constraint.GetCustomAttributes());
            }
            AttributeDigest.Write(w, reader, names, parameter.GetCustomAttributes());
        }
        w.Int(-3);
    }

    private void WriteSecurity(DigestWriter w, DeclarativeSecurityAttributeHandleCollection attributes)
    {
        foreach (var s in attributes)
        {
            var security = reader.GetDeclarativeSecurityAttribute(s);
            w.Int((int)security.Action);
            WriteBlob(w, security.PermissionSet);
        }
    }

    private void WriteConstant(DigestWriter w, ConstantHandle handle)
    {
        if (handle.IsNil) { w.Int(-4); return; }
        var constant = reader.GetConstant(handle);
        w.Int((int)constant.TypeCode);
        WriteBlob(w, constant.Value);
    }

    private void WriteBlob(DigestWriter w, BlobHandle handle)
    {
        if (handle.IsNil) { w.Int(-5); return; }
        w.Blob(reader.GetBlobReader(handle));
    }
}
