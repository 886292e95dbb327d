import { tlpDescriptions, type TlpMarking } from '../../shared/domain/tlp';

/** TLP 2.0 label in its official colour on black, with the name always written out. */
export function TlpBadge({ tlp }: { tlp: TlpMarking }) {
  return (
    <span className={`badge tlp tlp-${tlp.toLowerCase().replace('+', '-')}`} title={tlpDescriptions[tlp]}>
      TLP:{tlp}
    </span>
  );
}
