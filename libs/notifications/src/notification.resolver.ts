import { Args, ID, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Connection, Ctx, PageArgs, type RequestContext, UuidPipe } from '#core';
import { Notification } from './notification.entity.js';
import { NotificationService } from './notification.service.js';

@ObjectType()
export class NotificationConnection extends Connection(Notification) {}

@Resolver(() => Notification)
export class NotificationResolver {
  constructor(private readonly notifications: NotificationService) {}

  @Query(() => NotificationConnection, { description: 'My notifications, newest first.' })
  myNotifications(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
    @Args('unreadOnly', { defaultValue: false }) unreadOnly: boolean,
  ) {
    return this.notifications.mine(ctx, page, unreadOnly);
  }

  @Mutation(() => Notification)
  markNotificationRead(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, UuidPipe) id: string,
  ): Promise<Notification> {
    return this.notifications.markRead(ctx, id);
  }

  @Mutation(() => Int, { description: 'Marks all my notifications read; returns how many changed.' })
  markAllNotificationsRead(@Ctx() ctx: RequestContext): Promise<number> {
    return this.notifications.markAllRead(ctx);
  }
}
