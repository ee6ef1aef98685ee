namespace MemberCards;

/// <summary>
/// A problem the user can fix, tied to the field it concerns ("" for the whole form): a code and its arguments,
/// never a sentence, so the UI says it in the user's language. Arguments are values (numbers, local dates, names);
/// an argument may itself be a <see cref="FieldError"/>, a list of them, a <see cref="FieldName"/> or an enum value,
/// which the UI renders in the same language.
/// </summary>
public sealed record FieldError(string Field, MessageCode Code, params IReadOnlyList<object?> Args)
{
    public bool Equals(FieldError? other) =>
        other is not null && Field == other.Field && Code == other.Code && Args.SequenceEqual(other.Args);

    public override int GetHashCode() => HashCode.Combine(Field, Code, Args.Count);

    /// <summary>A message for the whole form or the page, with no field.</summary>
    public static FieldError Of(MessageCode code, params IReadOnlyList<object?> args) => new("", code, args);
}

/// <summary>The name of a form field as an argument of a message ("Email is now …"); the UI translates it.</summary>
public sealed record FieldName(string Name);

/// <summary>The outcome of a write: the value, or the reasons it was refused (nothing was saved then).</summary>
public sealed record Result<T>
{
    private Result(T? value, IReadOnlyList<FieldError> errors)
    {
        Value = value;
        Errors = errors;
    }

    public T? Value { get; }
    public IReadOnlyList<FieldError> Errors { get; }
    public bool Succeeded => Errors.Count == 0;

    public static Result<T> Ok(T value) => new(value, []);

    public static Result<T> Refused(IReadOnlyList<FieldError> errors) =>
        errors.Count == 0 ? throw new ArgumentException("A refusal needs a reason.", nameof(errors)) : new(default, errors);

    public static Result<T> Refused(string field, MessageCode code, params IReadOnlyList<object?> args) => new(default, [new FieldError(field, code, args)]);
}
