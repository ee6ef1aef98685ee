using MemberCards.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MemberCards.Coupons;

/// <summary>Runs <see cref="CouponExpiry"/> once each store day (<see cref="DailyJob"/>).</summary>
public sealed partial class CouponExpiryJob(IServiceScopeFactory scopes, StoreClock clock, TimeProvider time, ILogger<CouponExpiryJob> logger)
    : DailyJob(scopes, clock, time)
{
    protected override async Task<DateOnly> RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var run = await services.GetRequiredService<CouponExpiry>().RunAsync(Access.System, cancellationToken);
        if (run.Expired > 0)
        {
            LogExpired(run.Expired, run.Day);
        }
        return run.Day;
    }

    protected override void Failed(Exception exception) => LogFailed(exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Coupon expiry: {Expired} coupons expired (store day {Day}).")]
    private partial void LogExpired(int expired, DateOnly day);

    [LoggerMessage(Level = LogLevel.Error, Message = "Coupon expiry failed; it is tried again within the hour.")]
    private partial void LogFailed(Exception exception);
}
