import { KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } from 'kafkajs';
import { lostProducerState } from './outbox-relay';

/** As kafkajs builds it from the broker's error code (its typings take a plain Error). */
const protocolError = (type: string, code: number) =>
  new KafkaJSProtocolError(Object.assign(new Error(type), { type, code, retriable: false }));

describe('lostProducerState', () => {
  it('knows the answers that only a new producer id gets past', () => {
    expect(lostProducerState(protocolError('OUT_OF_ORDER_SEQUENCE_NUMBER', 45))).toBe(true);
    expect(lostProducerState(protocolError('UNKNOWN_PRODUCER_ID', 59))).toBe(true);
    expect(lostProducerState(protocolError('INVALID_PRODUCER_EPOCH', 47))).toBe(true);
  });

  it('finds them under a retrier’s error', () => {
    const e = new KafkaJSNumberOfRetriesExceeded(protocolError('OUT_OF_ORDER_SEQUENCE_NUMBER', 45), {
      retryCount: 5,
      retryTime: 1000,
    });
    expect(lostProducerState(e)).toBe(true);
  });

  it('leaves every other failure to the next poll with the same producer', () => {
    expect(lostProducerState(protocolError('NOT_LEADER_FOR_PARTITION', 6))).toBe(false);
    expect(lostProducerState(new Error('connect ECONNREFUSED 127.0.0.1:9092'))).toBe(false);
    expect(lostProducerState(undefined)).toBe(false);
  });
});
