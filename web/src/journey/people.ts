/** Names for the ids a journey refers to: our users and the account's contacts. */
import type { Contact, Journey, User } from '../api/types.ts';
import { useContacts, useUsers } from './api.ts';

export interface People {
  users: User[];
  contacts: Contact[];
  userName: (id: string | null | undefined) => string | null;
  contactName: (id: string | null | undefined) => string | null;
  ownerName: (owner: { userId: string } | { contactId: string } | null) => string | null;
}

export function usePeople(journey: Journey): People {
  const users = useUsers().data?.items ?? [];
  const contacts = useContacts(journey.account?.id ?? journey.accountId).data?.items ?? [];
  const userName = (id: string | null | undefined) => (id ? (users.find((u) => u.id === id)?.name ?? null) : null);
  const contactName = (id: string | null | undefined) => (id ? (contacts.find((c) => c.id === id)?.name ?? null) : null);
  return {
    users,
    contacts,
    userName,
    contactName,
    ownerName: (owner) => (!owner ? null : 'userId' in owner ? userName(owner.userId) : contactName(owner.contactId)),
  };
}
