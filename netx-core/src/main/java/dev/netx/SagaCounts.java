package dev.netx;

/**
 * How many sagas of the namespace started, committed and rolled back since the nodes began keeping
 * history, and how many run now (see {@link SagaInspector#counts()}): sample it twice for rates.
 *
 * @param started    sagas started
 * @param committed  sagas committed
 * @param rolledBack sagas rolled back
 * @param running    sagas started and not finished
 */
public record SagaCounts(long started, long committed, long rolledBack, long running) {
}
