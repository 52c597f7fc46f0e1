using System.Reflection;
using FluentValidation;
using MediatR;

namespace WeekTegenEenzaamheid.Api.Platform.Mediation;

/// <summary>Registers MediatR, every handler and validator of the assembly, and the pipeline behaviors in their order.</summary>
public static class MediationExtensions
{
    /// <summary>MediatR 5.1.0 has no DI package here: handlers and validators are registered by scanning.</summary>
    public static IServiceCollection AddMediation(this IServiceCollection services)
    {
        // A rule stops at its first failure: "required" is not followed by checks on the missing value.
        ValidatorOptions.Global.DefaultRuleLevelCascadeMode = CascadeMode.Stop;
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) =>
            member is null ? null : char.ToLowerInvariant(member.Name[0]) + member.Name[1..];
        services.AddScoped<ServiceFactory>(provider => provider.GetService!);
        services.AddScoped<IMediator, Mediator>();

        foreach (var type in Assembly.GetExecutingAssembly().GetTypes().Where(t => t is { IsAbstract: false,
            IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType))
            {
                var definition = contract.GetGenericTypeDefinition();
                if (definition == typeof(IRequestHandler<,>) || definition == typeof(IValidator<>)
                    || definition == typeof(INotificationHandler<>))
                {
                    services.AddScoped(contract, type);
                }
            }
        }

        // Registration order is execution order: logging wraps the owner check wraps validation wraps the transaction, which
        // wraps the record of a staff action (so that row commits with the change).
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(LoggingBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(OwnerCheckBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(TransactionBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(StaffActionBehavior<,>));
        services.AddHttpContextAccessor();
        return services;
    }
}
