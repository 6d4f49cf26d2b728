import { useState } from 'react';
import { messageOf } from '../api';

/** Runs one request at a time; keeps the server's refusal (its own words) to show until the next try. */
export function useRun() {
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const run = async (step: () => Promise<void>) => {
    setBusy(true);
    setRefusal(null);
    try {
      await step();
    } catch (e) {
      setRefusal(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, refusal, run };
}
