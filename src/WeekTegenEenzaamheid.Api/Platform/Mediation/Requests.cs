using MediatR;

namespace WeekTegenEenzaamheid.Api.Platform.Mediation;

/// <summary>A request that changes state: the transaction behavior wraps it in one database transaction.</summary>
public interface ICommand<out TResponse> : IRequest<TResponse>;

/// <summary>A request that only reads: it runs without a transaction and changes nothing.</summary>
public interface IQuery<out TResponse> : IRequest<TResponse>;
