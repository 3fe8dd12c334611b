package io.hearth.cli;

import io.grpc.CallOptions;
import io.grpc.ChannelCredentials;
import io.grpc.ClientCall;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * A channel over the network with an event loop of its own, which stops when the channel has
 * terminated. gRPC's shared event loop outlives its last channel by a second, its thread waiting in
 * native code ({@code epoll_wait}); when the CLI then exits, the JVM waits up to 300 ms for every
 * thread in native code to come back (HotSpot's {@code VM_Exit}): every call ended with that wait,
 * a third of its wall time. The loop is NIO's, which needs no native library unpacked on each run.
 */
final class NetworkChannel extends ManagedChannel {

    /** Long enough for a loop with nothing left to do; a stuck one must not hold the CLI's exit. */
    private static final long LOOP_STOP_MILLIS = 2_000;

    private final ManagedChannel channel;
    private final EventLoopGroup loop;

    private NetworkChannel(ManagedChannel channel, EventLoopGroup loop) {
        this.channel = channel;
        this.loop = loop;
    }

    /** Opens a channel to {@code target} (host:port) with {@code credentials} (plaintext or TLS). */
    static ManagedChannel open(String target, ChannelCredentials credentials) {
        // one thread: a CLI command holds one connection
        EventLoopGroup loop = new MultiThreadIoEventLoopGroup(
                1, new DefaultThreadFactory("hearth-cli-io", true), NioIoHandler.newFactory());
        try {
            ManagedChannel channel = NettyChannelBuilder.forTarget(target, credentials)
                    .eventLoopGroup(loop)
                    .channelType(NioSocketChannel.class)
                    .build();
            return new NetworkChannel(channel, loop);
        } catch (RuntimeException e) {
            loop.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    @Override
    public ManagedChannel shutdown() {
        channel.shutdown();
        return this;
    }

    @Override
    public ManagedChannel shutdownNow() {
        channel.shutdownNow();
        return this;
    }

    @Override
    public boolean isShutdown() {
        return channel.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return channel.isTerminated() && loop.isTerminated();
    }

    /** Waits for the channel to terminate, then stops its event loop and waits for that too. */
    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        if (!channel.awaitTermination(timeout, unit)) {
            return false;
        }
        // the channel's transports are closed: nothing is left for the loop to flush
        loop.shutdownGracefully(0, LOOP_STOP_MILLIS, TimeUnit.MILLISECONDS);
        long left = Math.max(0, deadline - System.nanoTime());
        return loop.terminationFuture().await(left, TimeUnit.NANOSECONDS);
    }

    @Override
    public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
        return channel.newCall(method, options);
    }

    @Override
    public String authority() {
        return channel.authority();
    }

    @Override
    public ConnectivityState getState(boolean requestConnection) {
        return channel.getState(requestConnection);
    }

    @Override
    public void notifyWhenStateChanged(ConnectivityState source, Runnable callback) {
        channel.notifyWhenStateChanged(source, callback);
    }

    @Override
    public void resetConnectBackoff() {
        channel.resetConnectBackoff();
    }

    @Override
    public void enterIdle() {
        channel.enterIdle();
    }
}
