"""What a flagged message's confirmation says about when it will be read, and safeguarding phrases that catch word forms

Revision ID: 7c1d5e2f9a40
Revises: 1deef4d2593b
Create Date: 2026-12-01 16:00:00.000000

"""
import json

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '7c1d5e2f9a40'
down_revision = '1deef4d2593b'
branch_labels = None
depends_on = None

READ_BY = (
    "A person will read your message by the end of the next working day. That means Monday to Friday, but not bank "
    "holidays."
)
OUT_OF_HOURS = (
    "Nobody reads messages here at night, at weekends or on bank holidays. If you need help before then, call 999, "
    "or Childline on 0800 1111."
)
# The list every council started with. A council that never changed it gets the new defaults, which catch more of
# what children and parents write (portal.domain.safeguarding.DEFAULT_PHRASES, copied here as it is today).
OLD_DEFAULT_PHRASES = [
    "hurt me", "hurts me", "hit me", "hits me", "kick me", "scared to go home", "afraid to go home", "not safe",
    "kill myself", "end my life", "want to die", "hurt myself", "self harm", "self-harm", "cut myself", "touched me",
    "abuse", "run away", "locked in", "no food",
]
NEW_DEFAULT_PHRASES = [
    "hurt me", "hit me", "hit my mum", "kick me", "punch me", "slap me", "beat me", "beaten", "strangle", "choke me",
    "burn me", "throw things at me", "kill me", "bruises", "violent", "abuse", "touched me", "touches her",
    "touches him", "touch my private", "private parts", "our secret", "told me not to tell", "not to tell anyone",
    "makes me do things", "nudes", "rude pictures", "wants to meet me", "not safe", "not feel safe", "unsafe",
    "scared to go home", "afraid to go home", "scared of him", "scared of her", "scared of my dad", "scared of my mum",
    "scared of my stepdad", "kill myself", "kill my self", "end my life", "end it all", "want to die",
    "want to be dead", "better off dead", "not want to live", "not want to be alive", "never wake up",
    "if i was gone", "hurt myself", "hurt my self", "cut myself", "cut my self", "self harm", "self-harm", "suicide",
    "suicidal", "overdose", "take all my tablets", "kms", "kys", "unalive", "sewerslide", "run away", "locked in",
    "lock me in", "no food", "nothing to eat", "not enough food", "never any food", "never have any food",
    "not have any food", "not feed us", "not feed me", "starving", "left alone at night", "left on my own at night",
]

settings = sa.table('council_settings', sa.column('id', sa.Integer), sa.column('safeguarding_phrases', sa.JSON))


def _replace_phrases(old: list[str], new: list[str]) -> None:
    connection = op.get_bind()
    for row in connection.execute(sa.select(settings.c.id, settings.c.safeguarding_phrases)):
        phrases = json.loads(row.safeguarding_phrases) if isinstance(row.safeguarding_phrases, str) else row.safeguarding_phrases
        if phrases == old:
            connection.execute(settings.update().where(settings.c.id == row.id).values(safeguarding_phrases=new))


def upgrade():
    with op.batch_alter_table('council_settings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('urgent_read_by_text', sa.Text(), nullable=False, server_default=READ_BY))
        batch_op.add_column(sa.Column('urgent_out_of_hours_text', sa.Text(), nullable=False, server_default=OUT_OF_HOURS))
    _replace_phrases(OLD_DEFAULT_PHRASES, NEW_DEFAULT_PHRASES)


def downgrade():
    _replace_phrases(NEW_DEFAULT_PHRASES, OLD_DEFAULT_PHRASES)
    with op.batch_alter_table('council_settings', schema=None) as batch_op:
        batch_op.drop_column('urgent_out_of_hours_text')
        batch_op.drop_column('urgent_read_by_text')
