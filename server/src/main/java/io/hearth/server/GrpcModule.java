package io.hearth.server;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import io.grpc.BindableService;
import io.grpc.ServerInterceptor;
import io.hearth.server.grpc.AdminGrpcService;
import io.hearth.server.grpc.ContactGrpcService;
import io.hearth.server.grpc.ExceptionStatusInterceptor;
import io.hearth.server.grpc.FollowUpGrpcService;
import io.hearth.server.grpc.LeadGrpcService;
import io.hearth.server.grpc.OpportunityGrpcService;
import io.hearth.server.grpc.QueueGrpcService;
import io.hearth.server.grpc.ServerInfoGrpcService;
import io.hearth.server.grpc.SyncGrpcService;
import io.hearth.server.grpc.TeamGrpcService;

/** The public API: gRPC services and the interceptors every call passes through. */
public final class GrpcModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder<BindableService> services = Multibinder.newSetBinder(binder(), BindableService.class);
        services.addBinding().to(LeadGrpcService.class);
        services.addBinding().to(QueueGrpcService.class);
        services.addBinding().to(ContactGrpcService.class);
        services.addBinding().to(FollowUpGrpcService.class);
        services.addBinding().to(OpportunityGrpcService.class);
        services.addBinding().to(SyncGrpcService.class);
        services.addBinding().to(AdminGrpcService.class);
        services.addBinding().to(TeamGrpcService.class);
        services.addBinding().to(ServerInfoGrpcService.class);

        Multibinder<ServerInterceptor> interceptors = Multibinder.newSetBinder(binder(), ServerInterceptor.class);
        interceptors.addBinding().to(ExceptionStatusInterceptor.class);
    }
}
