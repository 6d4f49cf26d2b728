import {
  CommitmentUpdate,
  RectificationUpdate,
  campaignControlSignal,
  cancelRectificationSignal,
  chainChangedSignal,
  commitmentStateQuery,
  orgChangedSignal,
  rectificationStateQuery,
  rectificationStatusSignal,
  wakeSignal,
} from './messages';

/**
 * The names are on the wire and in every recorded history (and a step's request id is hashed with its Update's
 * name): renaming one breaks running workflows. These are the names workflows were started with.
 */
describe('workflow messages', () => {
  it('names each Update as its step', () => {
    for (const [key, def] of Object.entries({ ...CommitmentUpdate, ...RectificationUpdate }))
      expect(def).toEqual({ type: 'update', name: key });
    expect(Object.keys(CommitmentUpdate)).toEqual([
      'submitCommitment',
      'reviewCommitment',
      'raiseObjection',
      'reportProgress',
      'submitSelfEvaluation',
      'submitMutualReview',
      'submitLeadershipReview',
      'closeWindow',
      'decideOutcome',
      'cancel',
      'sendBack',
      'orderRedo',
    ]);
    expect(Object.keys(RectificationUpdate)).toEqual([
      'reportRectificationProgress',
      'completeRectification',
      'verifyRectification',
      'recordFollowUp',
    ]);
  });

  it('keeps the signal and query names', () => {
    expect(
      [
        orgChangedSignal,
        rectificationStatusSignal,
        cancelRectificationSignal,
        chainChangedSignal,
        campaignControlSignal,
        wakeSignal,
      ].map((d) => [d.type, d.name]),
    ).toEqual([
      ['signal', 'orgChanged'],
      ['signal', 'rectificationStatus'],
      ['signal', 'cancelRectification'],
      ['signal', 'chainChanged'],
      ['signal', 'campaignControl'],
      ['signal', 'wake'],
    ]);
    expect([commitmentStateQuery, rectificationStateQuery]).toEqual([
      { type: 'query', name: 'state' },
      { type: 'query', name: 'state' },
    ]);
  });
});
