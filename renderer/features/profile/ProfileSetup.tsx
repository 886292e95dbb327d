import { ProfileForm } from '../../components/ProfileForm';

/** First launch: who is using this device. Nothing leaves the device. */
export function ProfileSetup() {
  return (
    <main className="profile-setup">
      <section aria-labelledby="profile-setup-title" className="card">
        <h1 id="profile-setup-title">Welcome to Firebreak</h1>
        <p>
          Firebreak keeps your incidents on this device and works with no network at all. Tell it who you are: every timeline
          entry records its author and device.
        </p>
        <ProfileForm profile={null} submitLabel="Start using Firebreak" />
      </section>
    </main>
  );
}
