/**
 * The SALR learning-rate schedule: Algorithm 1 (Section II) and its every-c-iterations form in
 * Algorithm 3 (Section V) of the SALR paper. The learning rate at iteration k is
 * {@code base(k) * S_k / median(S_1..S_k)}, a pure function of the schedule's state and the latest
 * sharpness observation; the immutable {@link io.salr.optimizers.schedule.SalrScheduleConfig} creates
 * the mutable {@link io.salr.optimizers.schedule.SalrScheduleState}.
 */
package io.salr.optimizers.schedule;
