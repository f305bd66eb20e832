import { useEffect, useState } from 'preact/hooks';
import { type Address, formatHash, parseHash } from './route';

/** The address in the hash, kept current on hashchange (back and forward buttons included). */
export function useAddress(): Address {
  const [address, setAddress] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const update = () => setAddress(parseHash(location.hash));
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return address;
}

export function navigate(address: Address, options: { replace?: boolean } = {}): void {
  const hash = formatHash(address);
  if (options.replace) {
    history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
    dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    location.hash = hash;
  }
}
