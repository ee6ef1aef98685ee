namespace MemberCards;

/// <summary>A problem the user can fix, tied to the field it concerns ("" for the whole form).</summary>
public sealed record FieldError(string Field, string Message);

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

    public static Result<T> Refused(string field, string message) => new(default, [new FieldError(field, message)]);
}
