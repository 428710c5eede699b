using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace RelTool.Core.Diff.Digest;

/// <summary>
/// Writes the digest input of one type definition: its declaration (flags, base, interfaces, generic
/// parameters, layout, attributes) and its fields in declaration order (order decides layout), each
/// method (signature and body apart, keyed by name and parameters), then properties, events and
/// explicit overrides. Nested types are walked on their own; the outer type only names them.
/// </summary>
internal sealed class TypeDigester(PEReader pe, MetadataReader reader, MetadataNames names, DigestWriter output)
{
    public TypeSegments Walk(TypeDefinitionHandle handle, string typeName)
    {
        var type = reader.GetTypeDefinition(handle);
        var head = output.Position;
        output.Int((int)type.Attributes);
        output.Text(names.Of(type.BaseType));
        foreach (var i in type.GetInterfaceImplementations())
        {
            var impl = reader.GetInterfaceImplementation(i);
            output.Text(names.Of(impl.Interface));
            AttributeDigest.Write(output, reader, names, impl.GetCustomAttributes());
        }
        WriteGenericParameters(output, type.GetGenericParameters());
        var layout = type.GetLayout();
        output.Int(layout.PackingSize);
        output.Int(layout.Size);
        AttributeDigest.Write(output, reader, names, type.GetCustomAttributes());
        WriteSecurity(output, type.GetDeclarativeSecurityAttributes());
        foreach (var nested in type.GetNestedTypes()) output.String(reader, reader.GetTypeDefinition(nested).Name);
        foreach (var f in type.GetFields()) WriteField(output, f);
        var headSegment = output.Since(head);

        var handles = type.GetMethods();
        var methods = new MethodSegments[handles.Count];
        var index = 0;
        foreach (var m in handles) methods[index++] = WalkMethod(m);
        if (methods.Length > 1) Array.Sort(methods, MethodSegments.ByKey);

        var tail = output.Position;
        foreach (var p in type.GetProperties()) WriteProperty(output, p);
        foreach (var e in type.GetEvents()) WriteEvent(output, e);
        foreach (var mi in type.GetMethodImplementations())
        {
            var impl = reader.GetMethodImplementation(mi);
            output.Text(names.Of(impl.MethodBody));
            output.Text(names.Of(impl.MethodDeclaration));
        }
        return new TypeSegments(typeName, headSegment, methods, output.Since(tail));
    }

    private MethodSegments WalkMethod(MethodDefinitionHandle handle)
    {
        var method = reader.GetMethodDefinition(handle);
        var start = output.Position;
        output.String(reader, method.Name);
        output.Int((int)method.Attributes);
        output.Int((int)method.ImplAttributes);
        output.Text(names.Of(handle));
        WriteGenericParameters(output, method.GetGenericParameters());
        foreach (var p in method.GetParameters())
        {
            var parameter = reader.GetParameter(p);
            output.Int(parameter.SequenceNumber);
            output.String(reader, parameter.Name);
            output.Int((int)parameter.Attributes);
            WriteConstant(output, parameter.GetDefaultValue());
            WriteBlob(output, parameter.GetMarshallingDescriptor());
            AttributeDigest.Write(output, reader, names, parameter.GetCustomAttributes());
        }
        AttributeDigest.Write(output, reader, names, method.GetCustomAttributes());
        WriteSecurity(output, method.GetDeclarativeSecurityAttributes());
        var import = method.GetImport();
        if (!import.Module.IsNil)
        {
            output.Text(names.Of(import.Module));
            output.String(reader, import.Name);
            output.Int((int)import.Attributes);
        }
        var signature = output.Since(start);

        var body = output.Position;
        if (method.RelativeVirtualAddress != 0)
            MethodBodyDigest.Write(output, pe, reader, names, method.RelativeVirtualAddress);
        return new MethodSegments(names.MethodKey(handle), signature, output.Since(body), handle);
    }

    private void WriteField(DigestWriter w, FieldDefinitionHandle handle)
    {
        var field = reader.GetFieldDefinition(handle);
        w.String(reader, field.Name);
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
        w.String(reader, property.Name);
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
        w.String(reader, @event.Name);
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
            w.String(reader, parameter.Name);
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
