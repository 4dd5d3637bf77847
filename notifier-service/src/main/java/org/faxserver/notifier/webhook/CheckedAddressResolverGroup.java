package org.faxserver.notifier.webhook;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.resolver.InetSocketAddressResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

/**
 * The name resolution the webhook client connects with: each answer passes {@link TargetAddressPolicy}
 * before any connection is made to it. Checking one lookup and letting the client do its own would
 * leave a DNS-rebinding gap (a public answer for the check, a private one for the connection); here
 * the addresses checked are the addresses connected to. Lookups block, so they run on
 * {@code lookups}, never on the client's event loop.
 */
final class CheckedAddressResolverGroup extends AddressResolverGroup<InetSocketAddress> {

  /** A resolution the policy refused; carries the reason to the delivery's outcome. */
  static final class RefusedAddress extends UnknownHostException {
    RefusedAddress(String reason) {
      super(reason);
    }
  }

  private final WebhookChannel.HostResolver resolver;
  private final TargetAddressPolicy policy;
  private final Executor lookups;

  CheckedAddressResolverGroup(WebhookChannel.HostResolver resolver, TargetAddressPolicy policy, Executor lookups) {
    this.resolver = resolver;
    this.policy = policy;
    this.lookups = lookups;
  }

  @Override
  protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
    return new InetSocketAddressResolver(executor, new InetNameResolver(executor) {
      @Override
      protected void doResolve(String host, Promise<InetAddress> promise) {
        lookUp(promise, () -> checked(host).get(0));
      }

      @Override
      protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
        lookUp(promise, () -> checked(host));
      }
    });
  }

  /** Completes {@code promise} with {@code lookup}'s answer or failure, computed on the lookup threads. */
  private <T> void lookUp(Promise<T> promise, Callable<T> lookup) {
    lookups.execute(() -> {
      try {
        promise.trySuccess(lookup.call());
      } catch (Exception e) {
        promise.tryFailure(e);
      }
    });
  }

  /** The host's addresses, all allowed by the policy. */
  List<InetAddress> checked(String host) throws UnknownHostException {
    List<InetAddress> addresses = resolver.resolve(host);
    Optional<String> refused = policy.refusal(host, addresses);
    if (refused.isPresent()) {
      throw new RefusedAddress(refused.get());
    }
    return addresses;
  }
}
