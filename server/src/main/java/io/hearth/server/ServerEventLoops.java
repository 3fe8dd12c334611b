package io.hearth.server;

import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.IoHandlerFactory;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.ServerChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The network server's own Netty event loops, stopped once the server has terminated
 * ({@link HearthServer#stop}). gRPC's shared loops outlive the server by a second, their threads
 * waiting in native code ({@code epoll_wait}), and the JVM's exit then waits up to 300 ms for
 * every thread in native code: a stopped server took 0.48 s from SIGTERM to its exit, of which
 * 0.13 s was the stop. The transport is the one gRPC would pick: epoll where its native library
 * loads, else NIO; the loops are as many as gRPC's (one to accept, Netty's default to serve).
 */
public final class ServerEventLoops implements AutoCloseable {
    /** Long enough for loops with nothing left to do; a stuck one must not hold the server's exit. */
    private static final long STOP_MILLIS = 2_000;

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Class<? extends ServerChannel> channelType;

    private ServerEventLoops(IoHandlerFactory io, Class<? extends ServerChannel> channelType) {
        this.boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("hearth-grpc-boss", true), io);
        this.workers = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("hearth-grpc-worker", true), io);
        this.channelType = channelType;
    }

    static ServerEventLoops create() {
        return Epoll.isAvailable()
                ? new ServerEventLoops(EpollIoHandler.newFactory(), EpollServerSocketChannel.class)
                : new ServerEventLoops(NioIoHandler.newFactory(), NioServerSocketChannel.class);
    }

    EventLoopGroup boss() {
        return boss;
    }

    EventLoopGroup workers() {
        return workers;
    }

    Class<? extends ServerChannel> channelType() {
        return channelType;
    }

    /** Stops both loops and waits for them; for after the server's termination, when they are idle. */
    @Override
    public void close() throws InterruptedException {
        boss.shutdownGracefully(0, STOP_MILLIS, TimeUnit.MILLISECONDS);
        workers.shutdownGracefully(0, STOP_MILLIS, TimeUnit.MILLISECONDS);
        boss.terminationFuture().await(STOP_MILLIS, TimeUnit.MILLISECONDS);
        workers.terminationFuture().await(STOP_MILLIS, TimeUnit.MILLISECONDS);
    }

    boolean isTerminated() {
        return boss.isTerminated() && workers.isTerminated();
    }
}
