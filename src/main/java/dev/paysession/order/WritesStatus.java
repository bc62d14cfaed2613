package dev.paysession.order;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a store method that writes a status (an order's, an attempt's, a refund's): only the state
 * machine of the store's own package ({@link PaymentStateMachine}, {@code RefundStateMachine}) may
 * call it (checked by ArchitectureTest).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface WritesStatus {}
