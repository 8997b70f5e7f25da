"""The "who has access" panel of the Library: the open pitch's owner shares it by e-mail or with the organisation, revokes, or hands it over."""

import streamlit as st

import ui.page as page
import ui.shelf as shelf
from ldpitch.store import Role


def share_panel(tab) -> None:
    """Who may open the open pitch; its owner shares it by e-mail or with the organisation, revokes, or hands it over."""
    lines = shelf.access(tab.id)
    owner = tab.role is Role.OWNER
    domain = shelf.organisation_domain()
    with st.container(border=True, key="library.share.panel"):
        st.markdown("**Who has access** · " + ("share it with a person or your organisation, or stop sharing." if owner
                                               else "only its owner changes who has access."))
        for line in lines:
            words, action = st.columns([5, 2], vertical_alignment="center")
            if line.kind == "owner":
                who = page.markdown_text(line.name or line.address) or "The administrators (made before sign-in)"
                words.markdown(f":material/person: **{who}** · owner")
            elif line.kind == "organisation":
                words.markdown(f":material/domain: Everyone signed in at **{page.markdown_text(line.address)}** · can view")
                if owner:
                    action.button("Stop sharing", key="library.share.org.revoke", on_click=shelf.revoke_organisation, args=(tab.id,))
            else:
                words.markdown(f":material/mail: {page.markdown_text(line.address)} · can {'edit' if line.role is Role.EDITOR else 'view'}")
                if owner:
                    action.button("Revoke", key=f"library.share.revoke.{line.address}", on_click=shelf.revoke, args=(tab.id, line.address),
                                  help="They can no longer open it (a link they have stops working).")
        if not owner:
            return
        with st.form("library.share", border=False, clear_on_submit=True):
            email, role, submit = st.columns([4, 3, 1], vertical_alignment="bottom")
            email.text_input("Share with (e-mail address)", key="library.share.email", placeholder="name@example.com", max_chars=320)
            role.radio("Access", list(shelf.ROLE_WORDS.values()), key="library.share.role", horizontal=True,
                       help="Viewers open, export and duplicate it; editors also change it.")
            submit.form_submit_button("Share", on_click=shelf.share, args=(tab.id, "library.share.email", "library.share.role"),
                                      icon=":material/share:")
        if domain and not any(line.kind == "organisation" for line in lines):
            st.button(f"Share with everyone at {domain} (they can view it)", key="library.share.org",
                      on_click=shelf.share_with_organisation, args=(tab.id,), icon=":material/domain:")
        with st.expander("Hand it over to someone else", icon=":material/move_item:"):
            offered = shelf.offered_to(tab.id)
            if offered:
                st.markdown(f"Offered to {page.markdown_text(offered)}: it becomes theirs when they next sign in.")
                st.button("Withdraw the hand-over", key="library.handover.withdraw", on_click=shelf.withdraw_hand_over, args=(tab.id,))
            with st.form("library.handover", border=False, clear_on_submit=True):
                st.text_input("New owner's e-mail address", key="library.handover.email", max_chars=320)
                st.form_submit_button("Hand over", on_click=shelf.hand_over, args=(tab.id, "library.handover.email"))
